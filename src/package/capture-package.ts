/**
 * Turns a captured frame (and, in video mode, the clip recorded around it) into what is uploaded: the media, a
 * JPEG still of the face, and the report that describes them. The report must describe the media actually sent,
 * because the backend sniffs the bytes and refuses a report whose mode does not match them.
 */
import type { GateVerdict } from '../quality/gates.js';
import { tagsForMode, type CaptureMode, type CaptureReport } from '../shared/media.js';
import { encodeJpeg, type EncodedJpeg } from './jpeg.js';
import { packShotset } from './shotset.js';
import type { ClipRecording } from './video.js';

/** What was gathered around the captured frame in video mode. */
export type ClipSource =
  | { kind: 'recording'; recording: ClipRecording; frameRate: number; durationMs: number }
  | { kind: 'frames'; frames: Array<Promise<Blob>> };

export interface CaptureInput {
  /** The captured frame, unmirrored; the caller keeps ownership. */
  bitmap: ImageBitmap;
  /** The gates' verdict on that frame, or null when none ran (manual capture without face detection). */
  verdict: GateVerdict | null;
  mode: CaptureMode;
  automatic: boolean;
  manualReason?: CaptureReport['manualReason'];
  /** Why the clip is frames though a recording was asked for. */
  clipFallback?: CaptureReport['clipFallback'];
  /** Only for automatic video captures: manual captures have no clip behind them. */
  clip: ClipSource | null;
  elapsedMs: number;
}

export interface PackagedCapture {
  media: Blob;
  fileName: string;
  /** A JPEG of the captured frame (the media itself in image mode). */
  selfie: Blob;
  report: CaptureReport;
}

/**
 * The form the media takes. A video-mode capture without a recording is a ZIP of frames, which the backend
 * (and Oz) handle as a shotset, so it is reported as one.
 */
export function mediaFormFor(mode: CaptureMode, clip: ClipSource['kind'] | null): CaptureMode {
  if (mode !== 'video') return mode;
  return clip === 'recording' ? 'video' : 'shotset';
}

export interface ReportInput {
  form: CaptureMode;
  automatic: boolean;
  manualReason?: CaptureReport['manualReason'];
  clipFallback?: CaptureReport['clipFallback'];
  jpeg: Pick<EncodedJpeg, 'width' | 'height' | 'upscaled'>;
  /** Width of the frame the verdict was measured on, to scale the face box to the JPEG. */
  sourceWidth: number;
  verdict: GateVerdict | null;
  elapsedMs: number;
  frameCount: number;
  capturedAt: Date;
  userAgent?: string;
}

export function buildCaptureReport(input: ReportInput): CaptureReport {
  const { jpeg, verdict } = input;
  const scale = jpeg.width / input.sourceWidth;
  const box = verdict?.face?.box ?? null;
  const metrics: Record<string, number> = { ...(verdict?.metrics ?? {}) };
  if (jpeg.upscaled) metrics.upscale = scale;
  return {
    version: 1,
    mode: input.form,
    tags: tagsForMode(input.form, jpeg.height > jpeg.width ? 'portrait' : 'landscape'),
    automatic: input.automatic,
    ...(input.automatic ? {} : { manualReason: input.manualReason ?? 'timeout' }),
    ...(input.clipFallback && input.form === 'shotset' ? { clipFallback: input.clipFallback } : {}),
    frame: { width: jpeg.width, height: jpeg.height },
    face: box ? { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale } : null,
    metrics,
    elapsedMs: Math.max(0, Math.round(input.elapsedMs)),
    frameCount: Math.max(1, input.frameCount),
    capturedAt: input.capturedAt.toISOString(),
    ...(input.userAgent ? { userAgent: input.userAgent.slice(0, 512) } : {}),
  };
}

export async function packageCapture(input: CaptureInput): Promise<PackagedCapture> {
  const clip = input.automatic ? input.clip : null;
  // Stop recording now: encoding the still first would add its time to the end of the clip.
  const recorded = clip?.kind === 'recording' ? clip.recording.finish() : null;
  recorded?.catch(() => undefined);
  const jpeg = await encodeJpeg(input.bitmap);
  const form = mediaFormFor(input.mode, clip?.kind ?? null);
  const { media, fileName, frameCount } = await packMedia(form, jpeg.blob, clip, recorded);
  const report = buildCaptureReport({
    form,
    automatic: input.automatic,
    ...(input.manualReason ? { manualReason: input.manualReason } : {}),
    ...(input.clipFallback ? { clipFallback: input.clipFallback } : {}),
    jpeg,
    sourceWidth: input.bitmap.width,
    verdict: input.verdict,
    elapsedMs: input.elapsedMs,
    frameCount,
    capturedAt: new Date(),
    userAgent: navigator.userAgent,
  });
  return { media, fileName, selfie: jpeg.blob, report };
}

async function packMedia(
  form: CaptureMode,
  still: Blob,
  clip: ClipSource | null,
  recorded: Promise<Blob> | null,
): Promise<{ media: Blob; fileName: string; frameCount: number }> {
  if (form === 'image') return { media: still, fileName: 'selfie.jpg', frameCount: 1 };
  if (clip?.kind === 'recording' && recorded) {
    const media = await recorded;
    return {
      media,
      fileName: media.type === 'video/mp4' ? 'clip.mp4' : 'clip.webm',
      frameCount: Math.round((clip.durationMs / 1000) * clip.frameRate),
    };
  }
  if (clip?.kind === 'frames') {
    const frames = await Promise.all(clip.frames);
    // A clip too short to sample any frame still has its best frame: never send an empty archive.
    const all = frames.length > 0 ? frames : [still];
    return { media: await packShotset(all), fileName: 'clip.zip', frameCount: all.length };
  }
  // A still in shotset form: a one-image ZIP tagged video_selfie_blank, which Oz scores like a video.
  return { media: await packShotset([still]), fileName: 'selfie.zip', frameCount: 1 };
}
