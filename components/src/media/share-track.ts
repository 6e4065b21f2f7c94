/** The longest side of a shared picture: enough to read a scanned A4 page, small enough to send. */
const MAX_EDGE = 1920;

/**
 * A video track that shows `source` (a rendered, reviewed document) steadily. A canvas that does not
 * change sends no frames, so the picture is drawn again a few times a second: a guest let in late,
 * or a share call placed again, gets a frame at once. The track is the caller's (or the session's,
 * once shared) to stop; drawing stops with it.
 */
export function canvasTrack(source: HTMLCanvasElement | ImageBitmap, fps = 4): MediaStreamTrack {
  const scale = Math.min(1, MAX_EDGE / Math.max(source.width, source.height, 1));
  const canvas = document.createElement('canvas');
  // Even sizes: video encoders round odd ones, shifting the picture by a pixel.
  canvas.width = Math.max(2, Math.round((source.width * scale) / 2) * 2);
  canvas.height = Math.max(2, Math.round((source.height * scale) / 2) * 2);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  const draw = (): void => {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
  };
  draw();
  const track = canvas.captureStream(fps).getVideoTracks()[0];
  if (!track) throw new Error('the canvas gave no video track');
  // A track stopped here fires no 'ended': the timer notices by itself.
  const timer = setInterval(() => {
    if (track.readyState === 'ended') clearInterval(timer);
    else draw();
  }, Math.round(1000 / fps));
  return track;
}
