/**
 * A shotset is a ZIP of JPEG frames that the Oz API treats as a video. A one-image shotset tagged
 * `video_selfie_blank` is how a single photo gets a liveness score on Oz API 4.0.8 and older.
 */

/**
 * The ZIP writer (fflate) is a chunk of its own: its module fills its tables when it is evaluated, about 10 ms on a
 * slow machine, which would otherwise be part of the bundle's evaluation before the start screen even shows. It is
 * fetched after the first guidance (preloadShotsetWriter) and awaited at capture.
 */
let writer: Promise<typeof import('./zip-writer.js')> | null = null;

function loadWriter(): Promise<typeof import('./zip-writer.js')> {
  writer ??= import('./zip-writer.js');
  // A failed load (offline) is tried again at the next call.
  writer.catch(() => (writer = null));
  return writer;
}

/** Loads the ZIP writer now, so that the capture does not wait for it; a failure is retried at capture. */
export function preloadShotsetWriter(): void {
  loadWriter().catch(() => undefined);
}

export async function packShotset(frames: Blob[]): Promise<Blob> {
  if (frames.length === 0) throw new Error('a shotset needs at least one frame');
  const { zipSync } = await loadWriter();
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [index, frame] of frames.entries()) {
    // JPEG is already compressed: store the entries so zipping costs nothing and never inflates them.
    entries[`frame_${String(index).padStart(3, '0')}.jpg`] = [new Uint8Array(await frame.arrayBuffer()), { level: 0 }];
  }
  const zipped = zipSync(entries);
  return new Blob([zipped], { type: 'application/zip' });
}
