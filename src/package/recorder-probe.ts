/**
 * Which MediaRecorder type really records on this engine. `isTypeSupported` is not enough: WebKitGTK says yes to
 * MP4 and then yields no data at all, and Firefox records only WebM. The probe records a short clip of the live
 * camera for each supported candidate the backend accepts, best first, and keeps the first that produced bytes.
 * What each type recorded holds for the page's lifetime, so a type is recorded once however often it is asked.
 */
import type { ClipFallback } from '../shared/media.js';
import { CLIP_CANDIDATE_TYPES, clipContainer } from './video.js';

const PROBE_MS = 400;
/** A recorder that never stops is given up after this long. */
const PROBE_TIMEOUT_MS = 3_000;

/**
 * `no-recorder`: no candidate type is supported; `not-accepted`: the supported ones are all refused by the
 * backend's providers; `no-data`: every supported, accepted type recorded nothing.
 */
export type RecorderProbe = { type: string } | { type: null; fallback: ClipFallback };

/** Per MediaRecorder type: whether a short recording produced bytes. */
const recorded = new Map<string, Promise<boolean>>();
let settled: RecorderProbe | null = null;

/** The latest probe's answer once it finished; null while unknown. */
export function probedRecorder(): RecorderProbe | null {
  return settled;
}

/**
 * Probes on `stream`; resolves with the answer. `accepted`: the containers the backend accepts
 * (`GET /capture-options`), or null when unknown, which tries every type.
 */
export async function probeRecorder(
  stream: MediaStream,
  accepted: readonly string[] | null = null,
): Promise<RecorderProbe> {
  settled = null;
  const result = await runProbe(stream, accepted);
  settled = result;
  return result;
}

/** The pure part: which candidates to record, or why there are none. */
export function probeCandidates(
  isTypeSupported: (type: string) => boolean,
  accepted: readonly string[] | null,
): { types: string[] } | { fallback: 'no-recorder' | 'not-accepted' } {
  const supported = CLIP_CANDIDATE_TYPES.filter((type) => isTypeSupported(type));
  if (supported.length === 0) return { fallback: 'no-recorder' };
  const types = accepted ? supported.filter((type) => accepted.includes(clipContainer(type))) : supported;
  return types.length > 0 ? { types } : { fallback: 'not-accepted' };
}

async function runProbe(stream: MediaStream, accepted: readonly string[] | null): Promise<RecorderProbe> {
  if (typeof MediaRecorder === 'undefined') return { type: null, fallback: 'no-recorder' };
  const candidates = probeCandidates((type) => MediaRecorder.isTypeSupported(type), accepted);
  if ('fallback' in candidates) return { type: null, fallback: candidates.fallback };
  for (const type of candidates.types) {
    let records = recorded.get(type);
    if (!records) {
      records = recordedBytes(stream, type).then((bytes) => bytes > 0);
      recorded.set(type, records);
    }
    if (await records) return { type };
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
  recorded.clear();
  settled = null;
}
