// Runs in the benchmark's browser pages: our call session (nurse "Starta besök" → first decoded
// remote frame) and a bare PeerJS call between the same pages, timed on the shared wall clock.
import { GuestSession, HostSession } from '../components/src/media/index.js';
import { createPeer, type SignallingConfig } from '../components/src/media/signalling.js';

const now = (): number => performance.timeOrigin + performance.now();
const media = (): Promise<MediaStream> => navigator.mediaDevices.getUserMedia({ video: true, audio: true });

/** Wall-clock time of the first frame of `stream` presented by a video element. */
function firstFrame(stream: MediaStream): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  document.body.append(video);
  void video.play();
  return new Promise((resolve) => {
    video.requestVideoFrameCallback(() => {
      resolve(now());
      video.remove();
    });
  });
}

declare global {
  interface Window {
    bench: typeof bench;
  }
}

let host: HostSession | undefined;
let guest: GuestSession | undefined;
let frame: Promise<number> | undefined;
const signalling = (): SignallingConfig => ({ url: `${location.origin}/peerjs`, iceServers: [] });

const bench = {
  async openHost(token: string): Promise<void> {
    host?.teardown();
    host = new HostSession({ signalling: signalling(), participantToken: token });
    await host.open();
  },
  async joinGuest(token: string): Promise<void> {
    guest?.teardown();
    const session = new GuestSession({ signalling: signalling(), token, role: 'patient', knockEveryMs: 100 });
    guest = session;
    frame = new Promise((resolve) => {
      session.addEventListener('streams-change', () => {
        const stream = [...session.remoteStreams.values()][0];
        if (stream) resolve(firstFrame(stream));
      });
    });
    await session.start(await media());
  },
  async waitForKnock(): Promise<void> {
    while (!host?.guests.length) await new Promise((r) => setTimeout(r, 10));
  },
  /** "Starta besök": returns the click time and (later) this side's first remote frame. */
  async admit(): Promise<{ clicked: number; frame: number }> {
    const stream = await media();
    const session = host;
    if (!session) throw new Error('no host');
    const remote = new Promise<number>((resolve) => {
      session.addEventListener('streams-change', () => {
        const s = [...session.remoteStreams.values()][0];
        if (s) resolve(firstFrame(s));
      });
    });
    const clicked = now();
    session.admit(stream);
    return { clicked, frame: await remote };
  },
  guestFrame(): Promise<number> {
    return frame ?? Promise.reject(new Error('no guest'));
  },
  end(): void {
    host?.teardown();
    guest?.teardown();
  },

  // The floor: the same two pages, a bare PeerJS call with no state machine, no knock protocol.
  bare: {
    peer: undefined as ReturnType<typeof createPeer> | undefined,
    async open(id?: string): Promise<string> {
      const peer = createPeer(signalling(), id);
      bench.bare.peer = peer;
      return new Promise((resolve) => peer.once('open', resolve));
    },
    async answerNext(): Promise<void> {
      const stream = await media();
      frame = new Promise((resolve) => {
        bench.bare.peer?.once('call', (call) => {
          call.answer(stream);
          call.once('stream', (s) => {
            resolve(firstFrame(s));
          });
        });
      });
    },
    async call(id: string): Promise<{ clicked: number; frame: number }> {
      const stream = await media();
      const clicked = now();
      const call = bench.bare.peer?.call(id, stream);
      if (!call) throw new Error('no peer');
      const remote = await new Promise<MediaStream>((resolve) => call.once('stream', resolve));
      return { clicked, frame: await firstFrame(remote) };
    },
    close(): void {
      bench.bare.peer?.destroy();
    },
  },
};

window.bench = bench;
