import { describe, expect, it } from 'vitest';
import { analysisScale, MIN_ANALYSIS_WIDTH, scaleFace } from '../../src/capture/downscale.js';
import { FACE_CROP_SIZE } from '../../src/capture/frame-stats.js';

describe('analysisScale', () => {
  it('halves a VGA frame before a face is known', () => {
    expect(analysisScale(640, null)).toBe(MIN_ANALYSIS_WIDTH / 640);
  });

  it('scales a 1280-wide frame to 320 columns unless the face would drop under the crop size', () => {
    expect(analysisScale(1280, 300)).toBe(0.32);
    expect(analysisScale(1280, 200)).toBe(0.48);
    expect(analysisScale(1280, 200) * 200).toBe(FACE_CROP_SIZE);
  });

  it('leaves small frames and faces too small to spare pixels at full size', () => {
    expect(analysisScale(320, null)).toBe(1);
    expect(analysisScale(640, 100)).toBe(1);
  });
});

describe('scaleFace', () => {
  it('maps a detection on the downscaled frame back to full-frame pixels', () => {
    const face = { score: 0.9, box: { x: 10, y: 20, width: 50, height: 60 }, keypoints: [{ x: 30, y: 40 }] };
    expect(scaleFace(face, 0.5)).toEqual({
      score: 0.9,
      box: { x: 20, y: 40, width: 100, height: 120 },
      keypoints: [{ x: 60, y: 80 }],
    });
    expect(scaleFace(face, 1)).toBe(face);
  });
});
