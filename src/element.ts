/** The element class and its public types, without registering the tag. */
export { LivenessCheckElement, type LivenessPhase } from './element/liveness-check.component.js';
export * from './events/index.js';
export * from './support/index.js';
export { LIVENESS_ERROR_CODES, LivenessError, type LivenessErrorCode } from './errors.js';
export type { CaptureMode, CaptureReport, MediaTag } from './shared/media.js';
export type { CameraControl, CaptureSignals, SignalReason } from './shared/signals.js';
export type { Messages, MessageKey, ShippedLocale } from './i18n/index.js';
export { loadLocale, registerLocale, resolveLocale, SHIPPED_LOCALES } from './i18n/index.js';
export type { QualityThresholds } from './quality/thresholds.js';
export type { GuidanceCode, ReasonCode } from './quality/types.js';
export { DEFAULT_THRESHOLDS } from './quality/thresholds.js';
