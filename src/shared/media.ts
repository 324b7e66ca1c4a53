/**
 * Types shared by the browser widget and the backend: what a capture is, how it is tagged, and the report that
 * travels with it. Kept free of DOM and Node imports so both sides compile it.
 */
import type { CaptureSignals } from './signals.js';

/** How the widget packages a capture. */
export const CAPTURE_MODES = ['image', 'shotset', 'video'] as const;
export type CaptureMode = (typeof CAPTURE_MODES)[number];

/**
 * The form of the uploaded media, as the backend sniffs it (never trusted from the client's label alone). The
 * same names as the capture modes: each mode produces exactly one kind.
 */
export const MEDIA_KINDS = CAPTURE_MODES;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Oz media tags the widget may attach (see shared providers contract, "Media tags"). */
export const MEDIA_TAGS = [
  'video_selfie',
  'video_selfie_blank',
  'photo_selfie',
  'orientation_portrait',
  'orientation_landscape',
] as const;
export type MediaTag = (typeof MEDIA_TAGS)[number];

/** Why the widget offered the manual capture button. */
export const MANUAL_REASONS = ['timeout', 'detector-unavailable'] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

/**
 * Why a video-mode capture asked for a recording sent frames instead: no recordable type, no data recorded, or
 * the browser records only types the backend's providers do not accept (Firefox's WebM where Oz takes MP4/MOV).
 */
export const CLIP_FALLBACKS = ['no-recorder', 'no-data', 'not-accepted'] as const;
export type ClipFallback = (typeof CLIP_FALLBACKS)[number];

/** Containers a recording can be uploaded in, as base MIME types (no codecs parameter). */
export const CLIP_TYPES = ['video/mp4', 'video/webm'] as const;
export type ClipType = (typeof CLIP_TYPES)[number];

/** What the backend tells the widget before a capture (`GET /capture-options`): the media its providers accept. */
export interface CaptureOptions {
  /** Recording containers every configured provider accepts; empty when none (the widget then sends frames). */
  clipTypes: ClipType[];
  /** Whether a ZIP of frames is accepted. */
  shotset: boolean;
}

/** The `version` of the capture report this code writes and reads. */
export const CAPTURE_REPORT_VERSION = 1;

/** Tags for each capture form: Oz Quality only scores media carrying a `video_selfie*` tag. */
export function tagsForMode(mode: CaptureMode, orientation: 'portrait' | 'landscape'): MediaTag[] {
  const orientationTag: MediaTag = orientation === 'portrait' ? 'orientation_portrait' : 'orientation_landscape';
  switch (mode) {
    case 'image':
      return ['video_selfie', orientationTag];
    case 'shotset':
    case 'video':
      return ['video_selfie', 'video_selfie_blank', orientationTag];
  }
}

/** A face box in pixels of the captured frame. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Measured quality values at the moment of capture (the gate inputs the backend may audit). */
export type QualityMetrics = Record<string, number>;

/** What the widget tells the backend about a capture, sent as the `report` multipart field. */
export interface CaptureReport {
  /** Report format version, bumped on breaking changes. */
  version: typeof CAPTURE_REPORT_VERSION;
  mode: CaptureMode;
  tags: MediaTag[];
  /** true when the quality gates triggered the capture, false when the person pressed the manual button. */
  automatic: boolean;
  /** Why a manual capture was offered, when it was. */
  manualReason?: ManualReason;
  /** Set when a recording was asked for and the browser's recorder could not give one: the media is a shotset. */
  clipFallback?: ClipFallback;
  frame: { width: number; height: number };
  face: FaceBox | null;
  metrics: QualityMetrics;
  /** Milliseconds from the camera playing to the capture. */
  elapsedMs: number;
  /** Frames in the media (1 for image and single-image shotsets). */
  frameCount: number;
  capturedAt: string;
  userAgent?: string;
  /** Injection hints (camera label, track capabilities, frame timing, device and visibility changes); absent from older widgets. */
  signals?: CaptureSignals;
}
