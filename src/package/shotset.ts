/**
 * A shotset is a ZIP of JPEG frames that the Oz API treats as a video. A one-image shotset tagged
 * `video_selfie_blank` is how a single photo gets a liveness score on Oz API 4.0.8 and older.
 */
import { zipSync } from 'fflate';

export async function packShotset(frames: Blob[]): Promise<Blob> {
  if (frames.length === 0) throw new Error('a shotset needs at least one frame');
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [index, frame] of frames.entries()) {
    // JPEG is already compressed: store the entries so zipping costs nothing and never inflates them.
    entries[`frame_${String(index).padStart(3, '0')}.jpg`] = [new Uint8Array(await frame.arrayBuffer()), { level: 0 }];
  }
  const zipped = zipSync(entries);
  return new Blob([zipped], { type: 'application/zip' });
}
