/**
 * The region comparisons behind eyes-covered and mouth-covered, on a synthetic face crop: skin everywhere, eyes
 * with a white and an iris, lips; then sunglasses, a hand-flat eye, and a mask painted over it.
 */
import { describe, expect, it } from 'vitest';
import { COVER_POINTS, measureFaceCover } from '../../src/quality/face-cover.js';
import { EYE_POINTS } from '../../src/quality/eyes.js';
import type { Point } from '../../src/quality/types.js';

const SIZE = 200;
const SKIN: readonly [number, number, number] = [200, 150, 120];

interface Face {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

function face(): Face {
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...SKIN, 255], i);
  return { data, width: SIZE, height: SIZE };
}

function paint(image: Face, x0: number, y0: number, x1: number, y1: number, rgb: (x: number, y: number) => number[]) {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) image.data.set([...rgb(x, y), 255], (y * SIZE + x) * 4);
}

/** Eyes 40 px wide at y 70, cheeks at y 105, brows at y 55, forehead at y 30, mouth 60 px wide at y 150. */
function mesh(): Point[] {
  const points: Point[] = Array.from({ length: 478 }, () => ({ x: 100, y: 100 }));
  const eye = (indices: readonly number[], cx: number) => {
    const [p1, p2, p3, p4, p5, p6] = indices;
    points[p1!] = { x: cx - 20, y: 70 };
    points[p4!] = { x: cx + 20, y: 70 };
    points[p2!] = { x: cx - 7, y: 64 };
    points[p3!] = { x: cx + 7, y: 64 };
    points[p6!] = { x: cx - 7, y: 76 };
    points[p5!] = { x: cx + 7, y: 76 };
  };
  eye(EYE_POINTS.left, 55);
  eye(EYE_POINTS.right, 145);
  points[COVER_POINTS.leftCheek] = { x: 55, y: 105 };
  points[COVER_POINTS.rightCheek] = { x: 145, y: 105 };
  points[COVER_POINTS.glabella] = { x: 100, y: 55 };
  points[COVER_POINTS.forehead] = { x: 100, y: 30 };
  points[COVER_POINTS.mouthLeft] = { x: 70, y: 150 };
  points[COVER_POINTS.mouthRight] = { x: 130, y: 150 };
  points[COVER_POINTS.subnasal] = { x: 100, y: 125 };
  points[COVER_POINTS.chin] = { x: 100, y: 190 };
  return points;
}

/** Open eyes: white with a dark iris in the middle; red lips. */
function openFace(): Face {
  const image = face();
  for (const cx of [55, 145]) {
    paint(image, cx - 20, 64, cx + 20, 77, (x) => (Math.abs(x - cx) < 7 ? [60, 40, 30] : [235, 235, 230]));
  }
  paint(image, 75, 145, 125, 156, () => [190, 100, 100]);
  return image;
}

describe('measureFaceCover', () => {
  it('open eyes and a bare mouth: eyes about as bright as the cheeks, contrasted, the mouth region skin', () => {
    const m = measureFaceCover(openFace(), mesh());
    expect(m.eyeLumaRatio).toBeGreaterThan(0.6);
    expect(m.eyeContrast).toBeGreaterThan(0.2);
    expect(m.mouthSkinShare).toBeGreaterThan(0.8);
  });

  it('sunglasses: the eye regions dark and flat', () => {
    const image = openFace();
    for (const cx of [55, 145]) paint(image, cx - 24, 56, cx + 24, 86, () => [20, 22, 26]);
    const m = measureFaceCover(image, mesh());
    expect(m.eyeLumaRatio).toBeLessThan(0.2);
    expect(m.eyeContrast).toBeLessThan(0.02);
  });

  it('a hand over the eyes: as bright as skin but flat', () => {
    const image = openFace();
    for (const cx of [55, 145]) paint(image, cx - 24, 56, cx + 24, 86, () => [205, 155, 125]);
    const m = measureFaceCover(image, mesh());
    expect(m.eyeLumaRatio).toBeGreaterThan(0.9);
    expect(m.eyeContrast).toBeLessThan(0.02);
  });

  it('a mask: none of the mouth region has the colour of the forehead', () => {
    const image = openFace();
    paint(image, 40, 115, 160, 200, () => [168, 198, 222]);
    expect(measureFaceCover(image, mesh()).mouthSkinShare).toBe(0);
  });

  it('compares with the skin, not with absolute values: a darker face passes the same', () => {
    const image = openFace();
    for (let i = 0; i < image.data.length; i += 4) {
      for (let c = 0; c < 3; c++) image.data[i + c] = Math.round(image.data[i + c]! * 0.45);
    }
    const m = measureFaceCover(image, mesh());
    expect(m.eyeLumaRatio).toBeGreaterThan(0.6);
    expect(m.eyeContrast).toBeGreaterThan(0.2);
    expect(m.mouthSkinShare).toBeGreaterThan(0.8);
  });

  it('refuses an image whose data does not match its size, and a mesh without the points', () => {
    expect(() => measureFaceCover({ data: new Uint8ClampedArray(3), width: 1, height: 1 }, mesh())).toThrow(RangeError);
    expect(() => measureFaceCover(face(), [])).toThrow(RangeError);
  });
});
