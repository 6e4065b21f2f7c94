/**
 * Watches what an element opens while a test runs: camera and microphone tracks, peer connections,
 * signalling sockets and audio contexts. `open()` names whatever is still open, for a leak test:
 * mount, use, remove, then wait until nothing is.
 */
export interface Watched {
  readonly tracks: MediaStreamTrack[];
  readonly connections: RTCPeerConnection[];
  readonly sockets: WebSocket[];
  readonly audio: AudioContext[];
  /** What is still open, e.g. ['track video live', 'socket 1']. */
  open(): string[];
  restore(): void;
}

export function watchResources(): Watched {
  const tracks: MediaStreamTrack[] = [];
  const connections: RTCPeerConnection[] = [];
  const sockets: WebSocket[] = [];
  const audio: AudioContext[] = [];
  const media = navigator.mediaDevices;
  const getUserMedia = media.getUserMedia.bind(media);
  const { RTCPeerConnection: Pc, WebSocket: Ws, AudioContext: Ac } = window;
  // An own property over the prototype's method: deleting it restores the browser's.
  media.getUserMedia = async (constraints?: MediaStreamConstraints): Promise<MediaStream> => {
    const stream = await getUserMedia(constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
  // Subclasses stand in for the originals: `instanceof` and statics keep working.
  window.RTCPeerConnection = class extends Pc {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      connections.push(this);
    }
  };
  window.WebSocket = class extends Ws {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
    }
  };
  window.AudioContext = class extends Ac {
    constructor(...args: ConstructorParameters<typeof AudioContext>) {
      super(...args);
      audio.push(this);
    }
  };
  return {
    tracks, connections, sockets, audio,
    open: () => [
      ...tracks.filter((t) => t.readyState !== 'ended').map((t) => `track ${t.kind} ${t.readyState}`),
      ...connections.filter((c) => c.signalingState !== 'closed').map((c) => `peer connection ${c.connectionState}`),
      ...sockets.filter((s) => s.readyState !== WebSocket.CLOSED).map((s) => `socket ${String(s.readyState)}`),
      ...audio.filter((a) => a.state !== 'closed').map((a) => `audio context ${a.state}`),
    ],
    restore() {
      Reflect.deleteProperty(media, 'getUserMedia');
      window.RTCPeerConnection = Pc;
      window.WebSocket = Ws;
      window.AudioContext = Ac;
    },
  };
}
