/**
 * The capture report that travels with the media: parsed with zod against CaptureReport, then checked against
 * what the media turned out to be (mode vs sniffed kind, tags vs mode, frame count vs shotset entries).
 */
import { z } from 'zod';
import {
  CAPTURE_MODES,
  CAPTURE_REPORT_VERSION,
  MANUAL_REASONS,
  MEDIA_TAGS,
  tagsForMode,
  type CaptureMode,
  type CaptureReport,
  type MediaKind,
  CLIP_FALLBACKS,
} from '../../shared/media.js';
import { formatIssues } from '../../shared/zod.js';
import { CAMERA_CONTROLS } from '../../shared/signals.js';
import { httpError } from '../errors.js';
import { UPLOAD_LIMITS } from './limits.js';

const nonNegative = z.number().finite().min(0);

// Unknown keys are dropped rather than refused, so a newer widget with extra report fields still uploads.
const reportSchema = z.object({
  version: z.literal(CAPTURE_REPORT_VERSION),
  mode: z.enum(CAPTURE_MODES),
  tags: z.array(z.enum(MEDIA_TAGS)).max(8),
  automatic: z.boolean(),
  manualReason: z.enum(MANUAL_REASONS).optional(),
  clipFallback: z.enum(CLIP_FALLBACKS).optional(),
  frame: z.strictObject({ width: z.number().int().positive(), height: z.number().int().positive() }),
  face: z
    .strictObject({ x: z.number().finite(), y: z.number().finite(), width: nonNegative, height: nonNegative })
    .nullable(),
  metrics: z.record(z.string().max(64), z.number().finite()).refine((metrics) => Object.keys(metrics).length <= 64, {
    error: 'too many metrics',
  }),
  elapsedMs: nonNegative,
  frameCount: z.number().int().min(1),
  capturedAt: z.iso.datetime({ offset: true }),
  userAgent: z.string().max(512).optional(),
  // Optional: widgets older than the signals do not send them. Strict inside, as every field is a measurement.
  signals: z
    .strictObject({
      camera: z
        .strictObject({
          label: z.string().max(256),
          hasDeviceId: z.boolean(),
          width: nonNegative,
          height: nonNegative,
          frameRate: nonNegative,
          maxFrameRate: nonNegative,
          maxWidth: nonNegative,
          maxHeight: nonNegative,
          controls: z.array(z.enum(CAMERA_CONTROLS)).max(CAMERA_CONTROLS.length),
        })
        .nullable(),
      frameTiming: z
        .strictObject({ samples: z.number().int().min(0), meanIntervalMs: nonNegative, jitterMs: nonNegative })
        .nullable(),
      deviceChanges: z.number().int().min(0),
      hiddenCount: z.number().int().min(0),
    })
    .optional(),
}) satisfies z.ZodType<CaptureReport>;

export function parseReport(json: string | null): CaptureReport {
  if (json === null) throw httpError('invalid-report', 'the "report" field is required');
  if (json.length > UPLOAD_LIMITS.maxReportBytes) throw httpError('invalid-report', 'the report is too long');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw httpError('invalid-report', 'the report is not valid JSON');
  }
  const parsed = reportSchema.safeParse(value);
  if (!parsed.success) {
    throw httpError(
      'invalid-report',
      `the report does not match CaptureReport (${formatIssues(parsed.error, 'report')})`,
    );
  }
  return parsed.data;
}

const MODE_FOR_KIND: Readonly<Record<MediaKind, CaptureMode>> = { image: 'image', shotset: 'shotset', video: 'video' };

/** The report must describe the media that was actually sent. */
export function checkReportMatchesMedia(report: CaptureReport, kind: MediaKind, entryCount: number | null): void {
  if (report.mode !== MODE_FOR_KIND[kind]) {
    throw httpError('invalid-report', `the report says mode "${report.mode}" but the media is a ${kind}`);
  }
  const tags = new Set(report.tags);
  const matchesAnOrientation = (['portrait', 'landscape'] as const).some((orientation) => {
    const expected = tagsForMode(report.mode, orientation);
    return tags.size === report.tags.length && tags.size === expected.length && expected.every((tag) => tags.has(tag));
  });
  if (!matchesAnOrientation) {
    throw httpError(
      'invalid-report',
      `the tags ${JSON.stringify(report.tags)} do not fit mode "${report.mode}" (expected ${JSON.stringify(tagsForMode(report.mode, 'portrait'))} or the landscape variant)`,
    );
  }
  if (kind === 'image' && report.frameCount !== 1) throw httpError('invalid-report', 'an image has frameCount 1');
  if (entryCount !== null && report.frameCount !== entryCount) {
    throw httpError(
      'invalid-report',
      `the report says ${report.frameCount} frames but the shotset holds ${entryCount}`,
    );
  }
}
