/**
 * Which MediaRecorder type really records on this engine. `isTypeSupported` is not enough: WebKitGTK says yes to
 * MP4 and then yields no data at all, and Firefox records only WebM. The probe records a short clip of the live
 * camera for each supported candidate, best first, and keeps the first that produced bytes; the answer holds for
 * the page's lifetime, so only the first video capture pays for it.
 */
import { CLIP_CANDIDATE_TYPES } from './video.js';

const PROBE_MS = 400;
/** A recorder that never stops is given up after this long. */
const PROBE_TIMEOUT_MS = 3_000;

/** `no-recorder`: no candidate type is supported; `no-data`: every supported type recorded nothing. */
export type RecorderProbe = { type: string } | { type: null; fallback: 'no-recorder' | 'no-data' };

let probed: Promise<RecorderProbe> | null = null;
let settled: RecorderProbe | null = null;

/** The probe's answer once it finished; null while unknown. */
export function probedRecorder(): RecorderProbe | null {
  return settled;
}

/** Starts the probe on `stream` (once per page); resolves with its answer. */
export function probeRecorder(stream: MediaStream): Promise<RecorderProbe> {
  probed ??= runProbe(stream).then((result) => (settled = result));
  return probed;
}

async function runProbe(stream: MediaStream): Promise<RecorderProbe> {
  if (typeof MediaRecorder === 'undefined') return { type: null, fallback: 'no-recorder' };
  const candidates = CLIP_CANDIDATE_TYPES.filter((type) => MediaRecorder.isTypeSupported(type));
  if (candidates.length === 0) return { type: null, fallback: 'no-recorder' };
  for (const type of candidates) {
    if ((await recordedBytes(stream, type)) > 0) return { type };
  }
  return { type: null, fallback: 'no-data' };
}

async function recordedBytes(stream: MediaStream, mimeType: string): Promise<number> {
  // A clone, so stopping the probe never touches the preview's track.
  const tracks = stream.getVideoTracks().map((track) => track.clone());
  if (tracks.length === 0) return 0;
  try {
    const recorder = new MediaRecorder(new MediaStream(tracks), { mimeType });
    let bytes = 0;
    const stopped = new Promise<void>((resolve) => {
      recorder.ondataavailable = (event) => (bytes += event.data.size);
      recorder.onstop = () => resolve();
      recorder.onerror = () => resolve();
      setTimeout(resolve, PROBE_TIMEOUT_MS);
    });
    recorder.start(100);
    await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
    if (recorder.state !== 'inactive') recorder.stop();
    await stopped;
    return bytes;
  } catch {
    return 0;
  } finally {
    for (const track of tracks) track.stop();
  }
}

/** Forgets the answer (tests probe several fake recorders in one page). */
export function resetRecorderProbe(): void {
  probed = null;
  settled = null;
}
