/**
 * Records a short clip of the camera stream with MediaRecorder: MP4 where the browser can (Safari, recent
 * Chrome), WebM otherwise. The caller decides when the clip is good enough to keep.
 */
/** Best first. */
export const CLIP_CANDIDATE_TYPES = [
  'video/mp4;codecs=avc1.42E01E',
  'video/mp4;codecs=avc1',
  'video/mp4',
  'video/webm;codecs=vp9',
  'video/webm;codecs=vp8',
  'video/webm',
] as const;

/** The container of a MediaRecorder type, as the backend names it: `video/mp4;codecs=avc1` → `video/mp4`. */
export function clipContainer(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

export function supportedClipType(
  isTypeSupported: (type: string) => boolean = (t) =>
    typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(t),
): string | null {
  return CLIP_CANDIDATE_TYPES.find((type) => isTypeSupported(type)) ?? null;
}

export interface ClipRecording {
  readonly mimeType: string;
  /** Ends the recording and resolves with the clip. */
  finish(): Promise<Blob>;
  /** Ends the recording and throws the data away. */
  cancel(): void;
}

/** `mimeType`: the type the recorder probe proved (recorder-probe.ts); the first supported one otherwise. */
export function startClipRecording(
  stream: MediaStream,
  bitsPerSecond = 2_500_000,
  mimeType: string | null = supportedClipType(),
): ClipRecording {
  if (!mimeType) throw new Error('this browser cannot record video (no MediaRecorder support for MP4 or WebM)');
  // Record the video track only: no microphone was ever requested, and a clip must not carry sound.
  const videoOnly = new MediaStream(stream.getVideoTracks());
  const recorder = new MediaRecorder(videoOnly, { mimeType, videoBitsPerSecond: bitsPerSecond });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };
  const stopped = new Promise<void>((resolve, reject) => {
    recorder.onstop = () => resolve();
    recorder.onerror = (event) => reject(new Error(`recording failed: ${String(event.message ?? '')}`));
  });
  recorder.start(250);
  let cancelled = false;
  return {
    mimeType,
    async finish() {
      if (recorder.state !== 'inactive') recorder.stop();
      await stopped;
      if (cancelled) throw new Error('recording was cancelled');
      return new Blob(chunks, { type: clipContainer(mimeType) || 'video/webm' });
    },
    cancel() {
      cancelled = true;
      if (recorder.state !== 'inactive') recorder.stop();
      chunks.length = 0;
    },
  };
}
