import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LevelMeter } from './level-meter.js';

export type DeviceProblem =
  | { readonly kind: 'denied' | 'missing'; readonly device: 'camera' | 'microphone' | 'both' }
  | { readonly kind: 'busy' | 'failed' };

export interface DeviceChoice {
  readonly videoId?: string;
  readonly audioId?: string;
  readonly audioOnly?: boolean;
}

const errorName = (e: unknown): string => (e instanceof DOMException || e instanceof Error ? e.name : '');

/**
 * Camera and microphone for one element: acquired on `start()`, released in `hostDisconnected`
 * (every track stopped) unless handed over with `take()`. Tells denied from missing from busy,
 * per device, so the page can say exactly what to do.
 */
export class MediaDevicesController implements ReactiveController {
  stream: MediaStream | undefined;
  problem: DeviceProblem | undefined;
  cameras: MediaDeviceInfo[] = [];
  microphones: MediaDeviceInfo[] = [];
  readonly #meter: LevelMeter;
  #connected = false;
  readonly #onDeviceChange = (): void => {
    void this.listDevices();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    this.#meter = new LevelMeter(host);
  }

  /** Microphone level 0–1, updated ten times a second while a stream is held. */
  get level(): number {
    return this.#meter.level;
  }

  hostConnected(): void {
    this.#connected = true;
    navigator.mediaDevices.addEventListener('devicechange', this.#onDeviceChange);
    void this.listDevices();
  }

  hostDisconnected(): void {
    this.#connected = false;
    navigator.mediaDevices.removeEventListener('devicechange', this.#onDeviceChange);
    this.release();
  }

  /** Devices with their labels; before permission browsers give no labels, so we number them. */
  async listDevices(): Promise<void> {
    const devices = await navigator.mediaDevices.enumerateDevices();
    this.cameras = devices.filter((d) => d.kind === 'videoinput');
    this.microphones = devices.filter((d) => d.kind === 'audioinput');
    this.host.requestUpdate();
  }

  async start(choice: DeviceChoice = {}): Promise<void> {
    this.release();
    this.problem = undefined;
    const audio: MediaTrackConstraints | boolean = choice.audioId ? { deviceId: { exact: choice.audioId } } : true;
    const video: MediaTrackConstraints | boolean = choice.audioOnly ? false : choice.videoId ? { deviceId: { exact: choice.videoId } } : true;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio, video });
    } catch (error) {
      const name = errorName(error);
      if (video === false) {
        this.problem = name === 'NotAllowedError' ? { kind: 'denied', device: 'microphone' }
          : name === 'NotFoundError' ? { kind: 'missing', device: 'microphone' }
          : name === 'NotReadableError' ? { kind: 'busy' } : { kind: 'failed' };
      } else if (name === 'NotAllowedError' || name === 'NotFoundError' || name === 'OverconstrainedError') {
        // Which one? Ask for the microphone alone: if that works, the camera is the problem.
        try {
          this.stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
          this.problem = { kind: name === 'NotAllowedError' ? 'denied' : 'missing', device: 'camera' };
        } catch (second) {
          const kind = errorName(second) === 'NotFoundError' ? 'missing' : 'denied';
          // Both refused: the camera's explanation covers both; the microphone gets its own too.
          this.problem = { kind, device: kind === 'denied' && name === 'NotAllowedError' ? 'both' : 'microphone' };
        }
      } else {
        this.problem = name === 'NotReadableError' ? { kind: 'busy' } : { kind: 'failed' };
      }
    }
    // The host left the page while the browser was asking: nobody will release what came.
    if (!this.#connected) {
      this.release();
      return;
    }
    if (this.stream) this.#meter.start(this.stream);
    await this.listDevices();
  }

  /** Hands the stream to a call session, which stops it at teardown. */
  take(): MediaStream | undefined {
    const stream = this.stream;
    this.stream = undefined;
    this.#meter.stop();
    return stream;
  }

  release(): void {
    this.#meter.stop();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
  }
}
