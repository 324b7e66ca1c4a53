import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIP_NAMES,
  CLIP_SCENARIOS,
  FRAME_HEIGHT,
  FRAME_WIDTH,
  clipCacheKey,
  ensureAllClips,
  ensureClip,
  writeClipIfStale,
  type ClipScenario,
} from '../tools/clips.js';
import {
  backlight,
  compose,
  createImage,
  crop,
  fill,
  gamma,
  gaussianBlur,
  horizontalSquash,
  mirror,
  resize,
  rotate,
  scaleBrightness,
  type RgbImage,
} from '../tools/image-ops.js';
import { rgbToI420, writeY4m, y4mFrameByteLength, y4mHeader } from '../tools/y4m.js';

/** Clips that must end in a capture, and clips whose frames change over a 30-frame loop. */
const CAPTURED_CLIPS: readonly string[] = ['good', 'clear-glasses', 'blinking'];
const MOTION_CLIPS: readonly string[] = ['moving', 'blinking'];

function pixel(image: RgbImage, x: number, y: number): number[] {
  const o = (y * image.width + x) * 3;
  return [image.data[o]!, image.data[o + 1]!, image.data[o + 2]!];
}

function setPixel(image: RgbImage, x: number, y: number, rgb: readonly number[]): void {
  image.data.set(rgb, (y * image.width + x) * 3);
}

function variance(image: RgbImage): number {
  let sum = 0;
  let squares = 0;
  for (const value of image.data) {
    sum += value;
    squares += value * value;
  }
  const mean = sum / image.data.length;
  return squares / image.data.length - mean * mean;
}

/** Deterministic noise image, so tests do not depend on Math.random. */
function noise(width: number, height: number): RgbImage {
  const image = createImage(width, height);
  let state = 12345;
  for (let i = 0; i < image.data.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    image.data[i] = state % 256;
  }
  return image;
}

/** Brightest column of a grey image: where a one-pixel-wide white line ended up. */
function brightestColumn(image: RgbImage, row: number): number {
  let best = 0;
  for (let x = 1; x < image.width; x++) if (pixel(image, x, row)[0]! > pixel(image, best, row)[0]!) best = x;
  return best;
}

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'clips-test-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('y4m', () => {
  it('writes the exact header and FRAME-delimited I420 frames', async () => {
    const path = join(scratch, 'two-frames.y4m');
    await writeY4m(path, [fill(640, 480, [0, 0, 0]), fill(640, 480, [255, 255, 255])]);
    const bytes = await readFile(path);
    const header = 'YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg\n';
    expect(y4mHeader(640, 480, 30)).toBe(header);
    const frameLength = 6 + 640 * 480 * 1.5;
    expect(y4mFrameByteLength(640, 480)).toBe(frameLength);
    expect(bytes.length).toBe(header.length + 2 * frameLength);
    expect(bytes.subarray(0, header.length).toString('latin1')).toBe(header);
    const second = header.length + frameLength;
    expect(bytes.subarray(header.length, header.length + 6).toString('latin1')).toBe('FRAME\n');
    expect(bytes.subarray(second, second + 6).toString('latin1')).toBe('FRAME\n');
    // Black then white luma, in limited range.
    expect(bytes[header.length + 6]).toBe(16);
    expect(bytes[second + 6]).toBe(235);
  });

  it('rejects an empty clip and mixed frame sizes without leaving a file behind', async () => {
    const path = join(scratch, 'bad.y4m');
    await expect(writeY4m(path, [])).rejects.toThrow(RangeError);
    await expect(writeY4m(path, [fill(4, 4, [0, 0, 0]), fill(6, 4, [0, 0, 0])])).rejects.toThrow(RangeError);
    await expect(stat(path)).rejects.toThrow();
  });

  it('converts known colours with BT.601 coefficients in limited and full range', () => {
    const cases: { rgb: [number, number, number]; limited: number[]; full: number[] }[] = [
      { rgb: [0, 0, 0], limited: [16, 128, 128], full: [0, 128, 128] },
      { rgb: [255, 255, 255], limited: [235, 128, 128], full: [255, 128, 128] },
      { rgb: [255, 0, 0], limited: [81, 90, 240], full: [76, 85, 255] },
      { rgb: [0, 0, 255], limited: [41, 240, 110], full: [29, 255, 107] },
      { rgb: [128, 128, 128], limited: [126, 128, 128], full: [128, 128, 128] },
    ];
    for (const { rgb, limited, full } of cases) {
      const image = fill(2, 2, rgb);
      const l = rgbToI420(image, 'limited');
      const f = rgbToI420(image, 'full');
      expect([l.y[0], l.u[0], l.v[0]], `limited ${rgb.join(',')}`).toEqual(limited);
      expect([f.y[0], f.u[0], f.v[0]], `full ${rgb.join(',')}`).toEqual(full);
    }
  });

  it('averages chroma over each 2×2 block and keeps luma per pixel', () => {
    const image = fill(2, 2, [255, 0, 0]);
    setPixel(image, 1, 0, [0, 0, 255]);
    setPixel(image, 1, 1, [0, 0, 255]);
    const frame = rgbToI420(image, 'full');
    expect(Array.from(frame.y)).toEqual([76, 29, 76, 29]);
    expect(frame.u.length).toBe(1);
    // Mean RGB (127.5, 0, 127.5): Cb = 128 + 0.5·127.5 − 0.168736·127.5, Cr = 128 + 0.5·127.5 − 0.081312·127.5.
    expect(frame.u[0]).toBe(170);
    expect(frame.v[0]).toBe(181);
  });

  it('refuses odd sizes, which 4:2:0 cannot represent', () => {
    expect(() => rgbToI420(fill(3, 2, [0, 0, 0]))).toThrow(RangeError);
  });
});

describe('image ops', () => {
  it('rotate by 0° is the identity', () => {
    const image = noise(17, 11);
    expect(rotate(image, 0, [0, 0, 0]).data).toEqual(image.data);
  });

  it('rotate by a positive angle turns the picture clockwise and fills uncovered corners', () => {
    const image = fill(21, 21, [0, 0, 0]);
    setPixel(image, 10, 2, [255, 255, 255]); // above the centre
    const turned = rotate(image, 90, [9, 9, 9]);
    expect(pixel(turned, 18, 10)).toEqual([255, 255, 255]); // now right of the centre
    expect(pixel(turned, 10, 2)).toEqual([0, 0, 0]);
    const wide = rotate(fill(40, 10, [200, 200, 200]), 90, [9, 9, 9]);
    expect(pixel(wide, 0, 0)).toEqual([9, 9, 9]);
  });

  it('gaussian blur keeps the mean but reduces variance, more for a larger sigma', () => {
    const image = noise(64, 48);
    const light = gaussianBlur(image, 1);
    const heavy = gaussianBlur(image, 4);
    expect(variance(light)).toBeLessThan(variance(image) / 4);
    expect(variance(heavy)).toBeLessThan(variance(light) / 4);
    const mean = (img: RgbImage): number => img.data.reduce((sum, value) => sum + value, 0) / img.data.length;
    expect(Math.abs(mean(heavy) - mean(image))).toBeLessThan(3);
    expect(gaussianBlur(image, 0).data).toEqual(image.data);
  });

  it('scaleBrightness multiplies and clips; gamma above 1 darkens mid-tones only', () => {
    const image = fill(2, 2, [100, 200, 0]);
    expect(pixel(scaleBrightness(image, 0.5), 0, 0)).toEqual([50, 100, 0]);
    expect(pixel(scaleBrightness(image, 2), 0, 0)).toEqual([200, 255, 0]);
    const graded = gamma(fill(1, 1, [128, 255, 0]), 2);
    expect(pixel(graded, 0, 0)).toEqual([64, 255, 0]);
  });

  it('resize averages when shrinking and keeps flat colours flat when enlarging', () => {
    const checker = createImage(32, 32);
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) setPixel(checker, x, y, (x + y) % 2 ? [255, 255, 255] : [0, 0, 0]);
    }
    const small = resize(checker, 4, 4);
    // Interior pixels see a full, symmetric window (the border ones see a clamped edge).
    for (const [x, y] of [
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ] as const) {
      for (const value of pixel(small, x, y)) expect(Math.abs(value - 127.5)).toBeLessThanOrEqual(1);
    }
    const big = resize(fill(3, 3, [10, 20, 30]), 7, 5);
    expect(big.width).toBe(7);
    expect(big.height).toBe(5);
    for (let y = 0; y < 5; y++) for (let x = 0; x < 7; x++) expect(pixel(big, x, y)).toEqual([10, 20, 30]);
  });

  it('crop, compose and mirror move pixels where expected', () => {
    const image = noise(10, 8);
    const piece = crop(image, 3, 2, 4, 3);
    expect(pixel(piece, 0, 0)).toEqual(pixel(image, 3, 2));
    expect(pixel(piece, 3, 2)).toEqual(pixel(image, 6, 4));
    expect(() => crop(image, 8, 0, 4, 4)).toThrow(RangeError);

    const pasted = compose(fill(10, 8, [1, 2, 3]), piece, -1, 6);
    expect(pixel(pasted, 0, 6)).toEqual(pixel(piece, 1, 0));
    expect(pixel(pasted, 0, 5)).toEqual([1, 2, 3]);

    expect(pixel(mirror(image), 0, 3)).toEqual(pixel(image, 9, 3));
    expect(mirror(mirror(image)).data).toEqual(image.data);
  });

  it('horizontalSquash slides the midline towards the squeezed side and keeps the band edges', () => {
    const image = fill(101, 3, [0, 0, 0]);
    for (let y = 0; y < 3; y++) setPixel(image, 50, y, [255, 255, 255]);
    const right = horizontalSquash(image, { centerX: 50, halfWidth: 40, factor: 0.5, side: 'right' });
    expect(brightestColumn(right, 1)).toBe(70);
    const left = horizontalSquash(image, { centerX: 50, halfWidth: 40, factor: 0.5, side: 'left' });
    expect(brightestColumn(left, 1)).toBe(30);
    const edges = noise(101, 3);
    const squeezed = horizontalSquash(edges, { centerX: 50, halfWidth: 40, factor: 0.5, side: 'right' });
    for (const x of [0, 9, 10, 90, 91, 100]) expect(pixel(squeezed, x, 1)).toEqual(pixel(edges, x, 1));
    expect(() => horizontalSquash(edges, { centerX: 50, halfWidth: 40, factor: 0, side: 'left' })).toThrow(RangeError);
  });

  it('backlight darkens the subject and blows out the rest', () => {
    const scene = fill(60, 40, [120, 120, 120]);
    const lit = backlight(scene, [{ cx: 30, cy: 20, rx: 10, ry: 10 }], {
      subjectExposure: 0.5,
      backgroundLevel: 246,
      feather: 4,
    });
    expect(pixel(lit, 30, 20)).toEqual([60, 60, 60]);
    for (const channel of pixel(lit, 2, 2)) expect(channel).toBeGreaterThanOrEqual(240);
  });
});

describe('clip scenarios', () => {
  it('names every scenario after the guidance it must provoke', () => {
    for (const name of CLIP_NAMES) {
      const scenario: ClipScenario = CLIP_SCENARIOS[name];
      // The good clip and the controls that must be captured (clear glasses, a blink) expect 'ok'.
      expect(scenario.expect).toBe(CAPTURED_CLIPS.includes(name) ? 'ok' : name);
      expect(scenario.description.length).toBeGreaterThan(10);
    }
  });

  it('writes every clip as 640×480 y4m with a short still loop or a 30-frame motion loop', async () => {
    const paths = await ensureAllClips();
    const header = y4mHeader(FRAME_WIDTH, FRAME_HEIGHT, 30);
    for (const name of CLIP_NAMES) {
      const bytes = await readFile(paths[name]);
      expect(bytes.subarray(0, header.length).toString('latin1'), name).toBe(header);
      const frames = (bytes.length - header.length) / y4mFrameByteLength(FRAME_WIDTH, FRAME_HEIGHT);
      expect(Number.isInteger(frames), name).toBe(true);
      if (MOTION_CLIPS.includes(name)) expect(frames).toBe(30);
      else expect(frames, name).toBeGreaterThanOrEqual(6);
      if (!MOTION_CLIPS.includes(name)) expect(frames, name).toBeLessThanOrEqual(10);
    }
  }, 60_000);

  it('moving frames differ from one another while still scenes repeat one frame', async () => {
    const headerLength = y4mHeader(FRAME_WIDTH, FRAME_HEIGHT, 30).length;
    const frameLength = y4mFrameByteLength(FRAME_WIDTH, FRAME_HEIGHT);
    const frame = (bytes: Buffer, index: number): Buffer =>
      bytes.subarray(headerLength + index * frameLength, headerLength + (index + 1) * frameLength);
    const moving = await readFile(await ensureClip('moving'));
    expect(frame(moving, 1).equals(frame(moving, 0))).toBe(false);
    const good = await readFile(await ensureClip('good'));
    expect(frame(good, 1).equals(frame(good, 0))).toBe(true);
  });
});

describe('clip cache', () => {
  it('ensureClip reuses an up-to-date clip instead of rewriting it', async () => {
    const path = await ensureClip('no-face');
    const before = await stat(path);
    expect(await ensureClip('no-face')).toBe(path);
    const after = await stat(path);
    // A rewrite renames a fresh file into place, which changes the inode.
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect((await readFile(`${path}.key`, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writeClipIfStale renders once per key and again when the key changes', async () => {
    const path = join(scratch, 'cached.y4m');
    let renders = 0;
    const render = (): RgbImage[] => {
      renders++;
      return [fill(4, 4, [renders * 20, 0, 0])];
    };
    expect(await writeClipIfStale(path, 'key-a', render)).toBe(true);
    const first = await stat(path);
    expect(await writeClipIfStale(path, 'key-a', render)).toBe(false);
    expect(renders).toBe(1);
    expect((await stat(path)).ino).toBe(first.ino);
    expect(await writeClipIfStale(path, 'key-b', render)).toBe(true);
    expect(renders).toBe(2);
    await rm(path);
    expect(await writeClipIfStale(path, 'key-b', render)).toBe(true);
    expect(renders).toBe(3);
  });

  it('changes the cache key when the scenario definition or the generator inputs change', () => {
    const base: ClipScenario = {
      description: 'a grey card',
      expect: 'no-face',
      frames: () => [fill(2, 2, [128, 128, 128])],
    };
    const key = clipCacheKey('card', base, 'inputs-1');
    expect(clipCacheKey('card', { ...base }, 'inputs-1')).toBe(key);
    expect(clipCacheKey('card', { ...base, description: 'a darker grey card' }, 'inputs-1')).not.toBe(key);
    expect(clipCacheKey('card', { ...base, expect: 'too-dark' }, 'inputs-1')).not.toBe(key);
    expect(clipCacheKey('other', base, 'inputs-1')).not.toBe(key);
    expect(clipCacheKey('card', base, 'inputs-2')).not.toBe(key);
  });
});
