/** The injection signals: each server rule, the virtual-camera list, the report schema and the rejection policy end to end. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  evaluateSignals,
  MIN_TIMING_SAMPLES,
  REGULAR_TIMING_MAX_JITTER_MS,
  signalVerdict,
} from '../../src/server/signals.js';
import { parseReport } from '../../src/server/upload/report.js';
import { matchVirtualCamera, SIGNAL_REASONS, VIRTUAL_CAMERAS, type CaptureSignals } from '../../src/shared/signals.js';
import {
  apiRequest,
  createSession,
  createTestBackend,
  fakeAdapter,
  report,
  uploadRequest,
  type FakeAdapter,
  type TestBackend,
} from './support/backend.js';

function signals(
  overrides: Partial<CaptureSignals> = {},
  camera: Partial<NonNullable<CaptureSignals['camera']>> = {},
): CaptureSignals {
  return {
    camera: {
      label: 'Integrated Camera (04f2:b6dd)',
      hasDeviceId: true,
      width: 1280,
      height: 720,
      frameRate: 30,
      maxFrameRate: 30,
      maxWidth: 1920,
      maxHeight: 1080,
      controls: ['exposureMode', 'brightness'],
      ...camera,
    },
    frameTiming: { samples: 60, meanIntervalMs: 33.4, jitterMs: 2.1 },
    deviceChanges: 0,
    hiddenCount: 0,
    ...overrides,
  };
}

describe('matchVirtualCamera', () => {
  it.each([
    ['OBS Virtual Camera', 'OBS Virtual Camera'],
    ['OBS-Camera', 'OBS Virtual Camera'],
    ['ManyCam Virtual Webcam', 'ManyCam'],
    ['Snap Camera', 'Snap Camera'],
    ['XSplit VCam', 'XSplit VCam'],
    ['e2eSoft VCam', 'e2eSoft VCam / iVCam'],
    ['DroidCam Source 3', 'DroidCam'],
    ['fake_device_0', 'Chromium fake capture device'],
    ['/tmp/clips/good.y4m', 'Chromium fake capture from a file'],
    ['Camera (NVIDIA Broadcast)', 'NVIDIA Broadcast'],
    ['Dummy video device (0x0000)', 'v4l2loopback'],
    ['My Virtual Webcam', 'a camera labelled virtual'],
  ])('%s is %s', (label, name) => {
    expect(matchVirtualCamera(label)).toBe(name);
  });

  it.each([
    'Integrated Camera (04f2:b6dd)',
    'FaceTime HD Camera',
    'Logitech HD Pro Webcam C920 (046d:082d)',
    'HD Webcam',
    'USB2.0 HD UVC WebCam',
    'Front Camera',
    'camera2 1, facing front',
    'Microsoft® LifeCam HD-3000',
    '',
  ])('%s is a real camera', (label) => {
    expect(matchVirtualCamera(label)).toBeNull();
  });

  it('has one entry per name', () => {
    expect(new Set(VIRTUAL_CAMERAS.map((camera) => camera.name)).size).toBe(VIRTUAL_CAMERAS.length);
  });
});

describe('evaluateSignals', () => {
  it('reports nothing for a report without signals (an older widget)', () => {
    expect(evaluateSignals(undefined)).toEqual({
      virtualCamera: false,
      cameraLabel: null,
      frameTimingJitterMs: null,
      reasons: [],
    });
  });

  it('reports nothing suspicious for an ordinary webcam', () => {
    expect(evaluateSignals(signals())).toEqual({
      virtualCamera: false,
      cameraLabel: 'Integrated Camera (04f2:b6dd)',
      frameTimingJitterMs: 2.1,
      reasons: [],
    });
  });

  it('virtual-camera: the label is on the list', () => {
    const result = evaluateSignals(signals({}, { label: 'OBS Virtual Camera' }));
    expect(result.virtualCamera).toBe(true);
    expect(result.reasons).toEqual(['virtual-camera']);
  });

  it('camera-label-missing: a granted camera without a label', () => {
    expect(evaluateSignals(signals({}, { label: '  ' })).reasons).toEqual(['camera-label-missing']);
  });

  it('not-a-capture-device: settings without a deviceId', () => {
    expect(evaluateSignals(signals({}, { hasDeviceId: false })).reasons).toEqual(['not-a-capture-device']);
  });

  it.each([
    ['a frame rate no webcam has', { maxFrameRate: 1000 }],
    ['a width beyond 8K', { maxWidth: 16_384 }],
    ['a height beyond 8K', { maxHeight: 10_000 }],
    ['delivering faster than its own maximum', { frameRate: 60, maxFrameRate: 30 }],
  ])('unusual-track-capabilities: %s', (_what, camera) => {
    expect(evaluateSignals(signals({}, camera)).reasons).toEqual(['unusual-track-capabilities']);
  });

  it('regular-frame-timing: enough intervals with almost no jitter', () => {
    const regular = { samples: MIN_TIMING_SAMPLES, meanIntervalMs: 33.33, jitterMs: REGULAR_TIMING_MAX_JITTER_MS / 2 };
    expect(evaluateSignals(signals({ frameTiming: regular })).reasons).toEqual(['regular-frame-timing']);
    // Too few frames say nothing; jitter at the limit is a camera's.
    expect(evaluateSignals(signals({ frameTiming: { ...regular, samples: MIN_TIMING_SAMPLES - 1 } })).reasons).toEqual(
      [],
    );
    expect(
      evaluateSignals(signals({ frameTiming: { ...regular, jitterMs: REGULAR_TIMING_MAX_JITTER_MS } })).reasons,
    ).toEqual([]);
  });

  it('device-change and page-hidden', () => {
    expect(evaluateSignals(signals({ deviceChanges: 2, hiddenCount: 1 })).reasons).toEqual([
      'device-change',
      'page-hidden',
    ]);
  });

  it('reports no camera fields when no camera was described', () => {
    expect(evaluateSignals(signals({ camera: null, frameTiming: null }))).toEqual({
      virtualCamera: false,
      cameraLabel: null,
      frameTimingJitterMs: null,
      reasons: [],
    });
  });

  it('only emits codes from SIGNAL_REASONS', () => {
    const everything = signals(
      { deviceChanges: 1, hiddenCount: 1, frameTiming: { samples: 99, meanIntervalMs: 33, jitterMs: 0 } },
      { label: 'fake_device_0', hasDeviceId: false, maxFrameRate: 1000 },
    );
    expect(evaluateSignals(everything).reasons.every((code) => SIGNAL_REASONS.includes(code))).toBe(true);
    expect(evaluateSignals(everything).reasons).toHaveLength(6);
  });
});

describe('signalVerdict', () => {
  const virtual = report('image', { signals: signals({}, { label: 'ManyCam Virtual Webcam' }) });
  it('imposes spoof with reason virtual-camera only when the policy asks', () => {
    expect(signalVerdict(virtual, { rejectVirtualCamera: true })).toEqual({
      status: 'done',
      decision: 'spoof',
      reason: 'virtual-camera',
    });
    expect(signalVerdict(virtual, { rejectVirtualCamera: false })).toBeNull();
    expect(signalVerdict(report('image', { signals: signals() }), { rejectVirtualCamera: true })).toBeNull();
    expect(signalVerdict(report('image'), { rejectVirtualCamera: true })).toBeNull();
  });
});

describe('report.signals schema', () => {
  it('accepts a report with signals and one without', () => {
    expect(parseReport(JSON.stringify(report('image', { signals: signals() }))).signals).toEqual(signals());
    expect(parseReport(JSON.stringify(report('image'))).signals).toBeUndefined();
  });

  it.each([
    ['an unknown field', { ...signals(), extra: 1 }],
    ['a negative count', signals({ deviceChanges: -1 })],
    ['an unknown control', signals({}, { controls: ['warp-drive' as never] })],
    ['a label too long', signals({}, { label: 'x'.repeat(300) })],
  ])('refuses %s with invalid-report', (_what, bad) => {
    expect(() => parseReport(JSON.stringify({ ...report('image'), signals: bad }))).toThrow(/signals/);
  });
});

describe('LIVENESS_REJECT_VIRTUAL_CAMERA', () => {
  let current: TestBackend | undefined;
  let oz: FakeAdapter;
  afterEach(async () => {
    await current?.backend.close();
    current = undefined;
  });

  async function checkWith(env: Record<string, string>, label: string) {
    oz = fakeAdapter('oz');
    current = await createTestBackend({ env: { LIVENESS_PROVIDERS: 'oz', ...env }, adapters: [oz] });
    const { backend } = current;
    const { captureToken, sessionId } = await createSession(backend);
    const upload = await backend.fetch(
      uploadRequest(captureToken, { report: report('image', { signals: signals({}, { label }) }) }),
    );
    expect(upload.status).toBe(202);
    await backend.processor.whenIdle();
    const response = await backend.fetch(apiRequest(`/sessions/${sessionId}/result`));
    expect(response.status).toBe(200);
    return (await response.json()) as { decision: string; reason: string; signals: ReturnType<typeof evaluateSignals> };
  }

  it('off by default: the virtual camera is reported and the provider decides', async () => {
    const result = await checkWith({}, 'OBS Virtual Camera');
    expect(result.signals).toEqual({
      virtualCamera: true,
      cameraLabel: 'OBS Virtual Camera',
      frameTimingJitterMs: 2.1,
      reasons: ['virtual-camera'],
    });
    expect(result.decision).toBe('live');
    expect(oz.calls).toHaveLength(1);
  });

  it('on: a virtual camera is spoof with reason virtual-camera, and no provider is asked', async () => {
    const result = await checkWith({ LIVENESS_REJECT_VIRTUAL_CAMERA: 'true' }, 'OBS Virtual Camera');
    expect({ decision: result.decision, reason: result.reason }).toEqual({
      decision: 'spoof',
      reason: 'virtual-camera',
    });
    expect(result.signals.virtualCamera).toBe(true);
    expect(oz.calls).toHaveLength(0);
  });

  it('on: a real camera still goes to the provider', async () => {
    const result = await checkWith({ LIVENESS_REJECT_VIRTUAL_CAMERA: 'true' }, 'FaceTime HD Camera');
    expect(result.decision).toBe('live');
    expect(result.signals.reasons).toEqual([]);
  });
});
