import { describe, expect, it } from 'vitest';
import { describeTrack, frameTiming, SignalCollector } from '../../src/capture/signals.js';

const webcam = {
  label: 'Integrated Camera',
  getSettings: () => ({ deviceId: 'abc', width: 1280, height: 720, frameRate: 30 }),
  getCapabilities: () =>
    ({
      frameRate: { max: 30 },
      width: { max: 1920 },
      height: { max: 1080 },
      exposureMode: ['manual'],
      zoom: { min: 1, max: 4 },
    }) as MediaTrackCapabilities,
};

describe('frameTiming', () => {
  it('is null below two intervals', () => {
    expect(frameTiming([])).toBeNull();
    expect(frameTiming([33])).toBeNull();
  });

  it('is the mean and the sample standard deviation', () => {
    expect(frameTiming([30, 34, 32, 36])).toEqual({ samples: 4, meanIntervalMs: 33, jitterMs: 2.58 });
    expect(frameTiming([33.33, 33.33, 33.33])?.jitterMs).toBe(0);
  });
});

describe('describeTrack', () => {
  it('reads the label, the settings, the maxima and the camera controls present', () => {
    expect(describeTrack(webcam)).toEqual({
      label: 'Integrated Camera',
      hasDeviceId: true,
      width: 1280,
      height: 720,
      frameRate: 30,
      maxFrameRate: 30,
      maxWidth: 1920,
      maxHeight: 1080,
      controls: ['exposureMode', 'zoom'],
    });
  });

  it('copes with a track without capabilities or device id (a canvas stream)', () => {
    const canvas = { label: '', getSettings: () => ({ width: 640, height: 480 }) };
    expect(describeTrack(canvas)).toMatchObject({ hasDeviceId: false, maxFrameRate: 0, controls: [] });
    const throwing = {
      ...canvas,
      getCapabilities: () => {
        throw new Error('not live');
      },
    };
    expect(describeTrack(throwing).controls).toEqual([]);
  });
});

describe('SignalCollector', () => {
  it('times consecutive frames only, skipping drops and stalls', () => {
    const collector = new SignalCollector();
    collector.cameraOpened(webcam);
    collector.frame(0, 1);
    collector.frame(33, 2);
    collector.frame(66, 3);
    collector.frame(133, 5); // a dropped frame between: not an interval
    collector.frame(166, 6);
    collector.frame(900, 7); // a stall
    collector.frame(933, 8);
    expect(collector.snapshot().frameTiming).toEqual({ samples: 4, meanIntervalMs: 33, jitterMs: 0 });
  });

  it('counts device changes and hidden pages, and reset() forgets them', () => {
    const collector = new SignalCollector();
    collector.cameraOpened(webcam);
    collector.deviceChanged();
    collector.pageHidden();
    collector.pageHidden();
    expect(collector.snapshot()).toMatchObject({ deviceChanges: 1, hiddenCount: 2, frameTiming: null });
    expect(collector.snapshot().camera?.label).toBe('Integrated Camera');
    collector.reset();
    expect(collector.snapshot()).toEqual({ camera: null, frameTiming: null, deviceChanges: 0, hiddenCount: 0 });
  });
});
