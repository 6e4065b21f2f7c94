import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A microphone's level, 0–1, measured ten times a second from a stream's audio while `start`ed,
 * for a `<meter>`. Stopped by `stop()` or when the host leaves the page; it never stops the stream's
 * tracks (their owner does).
 */
export class LevelMeter implements ReactiveController {
  level = 0;
  #stream: MediaStream | undefined;
  #context: AudioContext | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The stream measured now, if any. */
  get stream(): MediaStream | undefined {
    return this.#stream;
  }

  hostDisconnected(): void {
    this.stop();
  }

  start(stream: MediaStream): void {
    if (this.#stream === stream) return;
    this.stop();
    if (stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    context.createMediaStreamSource(stream).connect(analyser);
    const data = new Float32Array(analyser.fftSize);
    this.#stream = stream;
    this.#context = context;
    this.#timer = setInterval(() => {
      analyser.getFloatTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v));
      this.level = Math.min(1, peak);
      this.host.requestUpdate();
    }, 100);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    void this.#context?.close();
    this.#context = undefined;
    this.#stream = undefined;
    this.level = 0;
  }
}
