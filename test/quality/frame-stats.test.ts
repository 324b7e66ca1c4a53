import { describe, expect, it } from 'vitest';
import { computeFrameStats, FACE_CROP_SIZE, FRAME_STATS_WIDTH, type RgbaImage } from '../../src/capture/frame-stats.js';
import { evaluateFrame } from '../../src/quality/gates.js';
import { resolveThresholds } from '../../src/quality/thresholds.js';
import { frontalFace, history, observation, OVAL } from './faces.js';

type Rgb = readonly [number, number, number];

function image(width: number, height: number, pixel: (x: number, y: number) => Rgb): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

const grey = (value: number): Rgb => [value, value, value];
const uniform = (width: number, height: number, value: number) => image(width, height, () => grey(value));
const checkerboard = (size: number, square: number) =>
  image(size, size, (x, y) => grey((Math.floor(x / square) + Math.floor(y / square)) % 2 === 0 ? 255 : 0));

/** 3×3 box blur with edge clamping. */
function boxBlur(source: RgbaImage): RgbaImage {
  const at = (x: number, y: number) => {
    const cx = Math.min(source.width - 1, Math.max(0, x));
    const cy = Math.min(source.height - 1, Math.max(0, y));
    return source.data[(cy * source.width + cx) * 4] ?? 0;
  };
  return image(source.width, source.height, (x, y) => {
    let sum = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += at(x + dx, y + dy);
    return grey(sum / 9);
  });
}

const FRAME_W = FRAME_STATS_WIDTH;
const FRAME_H = 120;
const FACE_BOX = { x: 50, y: 30, width: 60, height: 60 };
const insideFace = (x: number, y: number) =>
  x >= FACE_BOX.x && x < FACE_BOX.x + FACE_BOX.width && y >= FACE_BOX.y && y < FACE_BOX.y + FACE_BOX.height;
const grey96 = uniform(FACE_CROP_SIZE, FACE_CROP_SIZE, 128);

describe('computeFrameStats', () => {
  it('measures a uniform grey frame as evenly lit and perfectly flat', () => {
    const stats = computeFrameStats(uniform(FRAME_W, FRAME_H, 128), { box: FACE_BOX }, grey96);
    expect(stats.faceLuma).toBeCloseTo(128, 3);
    expect(stats.backgroundLuma).toBeCloseTo(128, 3);
    expect(stats.faceClipped).toBe(0);
    expect(stats.faceSharpness).toBe(0);
  });

  it('uses Rec.601 luma weights', () => {
    const luma = (rgb: Rgb) =>
      computeFrameStats(
        image(4, 4, () => rgb),
        null,
        null,
      ).backgroundLuma;
    expect(luma([255, 0, 0])).toBeCloseTo(76.245, 3);
    expect(luma([0, 255, 0])).toBeCloseTo(149.685, 3);
    expect(luma([0, 0, 255])).toBeCloseTo(29.07, 3);
  });

  it('rates a checkerboard crop sharp, and lower the more it is blurred', () => {
    const frame = uniform(FRAME_W, FRAME_H, 128);
    const sharpness = (crop: RgbaImage) => computeFrameStats(frame, { box: FACE_BOX }, crop).faceSharpness ?? -1;
    const crisp = checkerboard(FACE_CROP_SIZE, 1);
    // Every interior Laplacian is ±4·255, so the variance is (4·255)².
    expect(sharpness(crisp)).toBeCloseTo(1020 ** 2, 0);
    const blurred = boxBlur(checkerboard(FACE_CROP_SIZE, 4));
    const blurredTwice = boxBlur(blurred);
    expect(sharpness(checkerboard(FACE_CROP_SIZE, 4))).toBeGreaterThan(sharpness(blurred));
    expect(sharpness(blurred)).toBeGreaterThan(sharpness(blurredTwice));
    expect(sharpness(blurredTwice)).toBeGreaterThan(0);
  });

  it('separates the face box from the background', () => {
    const frame = image(FRAME_W, FRAME_H, (x, y) => grey(insideFace(x, y) ? 100 : 230));
    const stats = computeFrameStats(frame, { box: FACE_BOX }, grey96);
    expect(stats.faceLuma).toBeCloseTo(100, 3);
    expect(stats.backgroundLuma).toBeCloseTo(230, 3);
  });

  it('counts clipped highlights on the face only', () => {
    const frame = image(FRAME_W, FRAME_H, (x, y) => grey(insideFace(x, y) ? (x < FACE_BOX.x + 15 ? 252 : 180) : 255));
    const stats = computeFrameStats(frame, { box: FACE_BOX }, grey96);
    expect(stats.faceClipped).toBeCloseTo(0.25, 10);
  });

  it('assigns pixels by their centres and clamps the box to the frame', () => {
    const strip = image(4, 1, (x) => grey([0, 100, 250, 50][x] ?? 0));
    const stats = computeFrameStats(strip, { box: { x: 0.6, y: 0, width: 2, height: 1 } }, null);
    expect(stats.faceLuma).toBeCloseTo(175, 3);
    expect(stats.faceClipped).toBe(0.5);
    expect(stats.backgroundLuma).toBeCloseTo(25, 3);
    expect(stats.faceSharpness).toBeNull();
    const clamped = computeFrameStats(strip, { box: { x: -10, y: -5, width: 11.4, height: 20 } }, null);
    expect(clamped.faceLuma).toBeCloseTo(0, 3);
    expect(clamped.backgroundLuma).toBeCloseTo(400 / 3, 3);
  });

  it('uses the face luma as background when the face fills the frame', () => {
    const stats = computeFrameStats(uniform(8, 8, 90), { box: { x: -1, y: -1, width: 10, height: 10 } }, null);
    expect(stats.backgroundLuma).toBeCloseTo(90, 3);
  });

  it('measures only the background without a face, ignoring any crop', () => {
    const frame = image(FRAME_W, FRAME_H, (x) => grey(x < FRAME_W / 2 ? 40 : 120));
    expect(computeFrameStats(frame, null, checkerboard(FACE_CROP_SIZE, 1))).toEqual({
      faceLuma: null,
      backgroundLuma: expect.closeTo(80, 3),
      faceClipped: null,
      faceSharpness: null,
    });
  });

  it('gives no sharpness for a crop without interior pixels', () => {
    expect(computeFrameStats(uniform(4, 4, 10), { box: FACE_BOX }, uniform(2, 2, 10)).faceSharpness).toBeNull();
  });

  it('rejects pixel data that does not match the size', () => {
    const bad = { data: new Uint8ClampedArray(10), width: 2, height: 2 };
    expect(() => computeFrameStats(bad, null, null)).toThrow(RangeError);
    expect(() => computeFrameStats(uniform(4, 4, 1), { box: FACE_BOX }, bad)).toThrow(/faceCrop/);
  });
});

describe('frame statistics through the gates', () => {
  const thresholds = resolveThresholds();
  const face = frontalFace();
  const verdictFor = (frame: RgbaImage, crop: RgbaImage) => {
    const stats = computeFrameStats(frame, { box: FACE_BOX }, crop);
    return evaluateFrame(observation(1_000, [face], stats), history(face, 1_000, 600), OVAL, thresholds);
  };
  const sharpCrop = checkerboard(FACE_CROP_SIZE, 4);

  it('passes a well-lit sharp face', () => {
    expect(
      verdictFor(
        image(FRAME_W, FRAME_H, (x, y) => grey(insideFace(x, y) ? 150 : 110)),
        sharpCrop,
      ).pass,
    ).toBe(true);
  });

  it.each([
    ['too-dark', image(FRAME_W, FRAME_H, () => grey(30))],
    ['too-bright', image(FRAME_W, FRAME_H, (x, y) => grey(insideFace(x, y) ? 254 : 200))],
    ['backlit', image(FRAME_W, FRAME_H, (x, y) => grey(insideFace(x, y) ? 100 : 235))],
  ])('reports %s', (reason, frame) => {
    expect(verdictFor(frame, sharpCrop).failing).toEqual([reason]);
  });

  it('reports blurry for a flat face crop', () => {
    const frame = image(FRAME_W, FRAME_H, (x, y) => grey(insideFace(x, y) ? 150 : 110));
    expect(verdictFor(frame, boxBlur(boxBlur(uniform(FACE_CROP_SIZE, FACE_CROP_SIZE, 140)))).failing).toEqual([
      'blurry',
    ]);
  });
});
