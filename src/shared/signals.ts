/**
 * Injection and presentation-attack signals: what the widget measures about the camera and the capture, and the
 * codes the backend derives from them. Shared by both sides; free of DOM and Node imports. Every signal is a hint
 * (a real person can use OBS for good reasons, an attacker can rename a virtual camera), never proof.
 */

/**
 * Known virtual and software cameras, matched against the track label (case-insensitive). Maintained by hand:
 * add an entry when a new injector ships, with a pattern tight enough not to match real webcams.
 */
export const VIRTUAL_CAMERAS = [
  { name: 'OBS Virtual Camera', pattern: /\bobs[\s-]*(virtual[\s-]*)?(camera|cam)\b/i },
  { name: 'ManyCam', pattern: /\bmanycam\b/i },
  { name: 'Snap Camera', pattern: /\bsnap\s*camera\b/i },
  { name: 'XSplit VCam', pattern: /\bxsplit\b/i },
  { name: 'e2eSoft VCam / iVCam', pattern: /\be2esoft\b|\bi?vcam\b/i },
  { name: 'DroidCam', pattern: /\bdroidcam\b/i },
  { name: 'Iriun Webcam', pattern: /\biriun\b/i },
  { name: 'EpocCam', pattern: /\bepoccam\b/i },
  { name: 'Reincubate Camo', pattern: /\breincubate\b|^camo\b/i },
  { name: 'CyberLink YouCam', pattern: /\byoucam\b/i },
  { name: 'SplitCam', pattern: /\bsplitcam\b/i },
  { name: 'vMix', pattern: /\bvmix\b/i },
  { name: 'Streamlabs', pattern: /\bstreamlabs\b/i },
  { name: 'NVIDIA Broadcast', pattern: /\bnvidia\s+broadcast\b/i },
  { name: 'Elgato Virtual Camera', pattern: /\belgato\s+virtual\b/i },
  { name: 'mmhmm', pattern: /\bmmhmm\b/i },
  { name: 'AlterCam', pattern: /\baltercam\b/i },
  { name: 'WebcamMax', pattern: /\bwebcammax\b/i },
  { name: 'FaceRig', pattern: /\bfacerig\b/i },
  { name: 'Avatarify', pattern: /\bavatarify\b/i },
  { name: 'Unity Video Capture', pattern: /\bunity\s+video\s+capture\b/i },
  { name: 'v4l2loopback', pattern: /\bv4l2\s*loopback\b|^dummy video device\b/i },
  // Chromium's --use-fake-device-for-media-stream: "fake_device_0", or the clip's path with a file behind it.
  { name: 'Chromium fake capture device', pattern: /^fake[_\s]device[_\s]\d+$|\bfake video capture\b/i },
  { name: 'Chromium fake capture from a file', pattern: /\.(y4m|mjpe?g)$/i },
  // Amplify's rule: whatever calls itself virtual is treated as such.
  { name: 'a camera labelled virtual', pattern: /\bvirtual\b/i },
] as const satisfies ReadonlyArray<{ name: string; pattern: RegExp }>;

/** The name of the virtual camera `label` matches, or null. */
export function matchVirtualCamera(label: string): string | null {
  const trimmed = label.trim();
  if (!trimmed) return null;
  return VIRTUAL_CAMERAS.find((camera) => camera.pattern.test(trimmed))?.name ?? null;
}

/** Stable codes of the signals the backend reports in `signals.reasons` (see src/server/signals.ts). */
export const SIGNAL_REASONS = [
  'virtual-camera',
  'camera-label-missing',
  'not-a-capture-device',
  'unusual-track-capabilities',
  'regular-frame-timing',
  'device-change',
  'page-hidden',
] as const;
export type SignalReason = (typeof SIGNAL_REASONS)[number];

/** Image-capture controls a UVC webcam usually exposes through getCapabilities() (where the browser supports them). */
export const CAMERA_CONTROLS = [
  'exposureMode',
  'exposureTime',
  'focusMode',
  'focusDistance',
  'whiteBalanceMode',
  'colorTemperature',
  'brightness',
  'contrast',
  'saturation',
  'sharpness',
  'zoom',
  'pan',
  'tilt',
  'torch',
] as const;
export type CameraControl = (typeof CAMERA_CONTROLS)[number];

/** What the widget saw of the camera and the capture, sent as `report.signals`. */
export interface CaptureSignals {
  camera: {
    /** The track label, as the browser gave it. */
    label: string;
    /** Whether the settings carry a deviceId (a capture device does; a canvas or a remote stream does not). */
    hasDeviceId: boolean;
    width: number;
    height: number;
    frameRate: number;
    /** The largest frame rate, width and height the track says it can deliver (0 when not reported). */
    maxFrameRate: number;
    maxWidth: number;
    maxHeight: number;
    /** Which CAMERA_CONTROLS the track exposes. */
    controls: CameraControl[];
  } | null;
  /** Regularity of the frames' capture timestamps, or null when too few frames were seen. */
  frameTiming: {
    /** Frame intervals measured. */
    samples: number;
    meanIntervalMs: number;
    /** Standard deviation of the frame intervals. */
    jitterMs: number;
  } | null;
  /** `devicechange` events between the camera opening and the capture. */
  deviceChanges: number;
  /** Times the page was hidden between the camera opening and the capture. */
  hiddenCount: number;
}
