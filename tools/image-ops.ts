/**
 * @module
 * Small, pure RGB image operations used to derive camera clips from the still test fixtures. Every op returns a
 * new image and never mutates its input, so scenario definitions can share intermediate images freely.
 * Only `loadPng` touches the file system.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** 8-bit RGB, row-major, 3 bytes per pixel, no padding. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type Rgb = readonly [number, number, number];

/** An axis-aligned ellipse in pixels (centre and radii). */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export function createImage(width: number, height: number): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}×${height}`);
  }
  return { width, height, data: new Uint8Array(width * height * 3) };
}

/** Reads a PNG and drops any alpha channel (the fixtures are opaque; alpha would mean nothing to a camera). */
export function loadPng(path: string): RgbImage {
  const png = PNG.sync.read(readFileSync(path));
  const image = createImage(png.width, png.height);
  for (let i = 0, o = 0; i < png.data.length; i += 4, o += 3) {
    image.data[o] = png.data[i] ?? 0;
    image.data[o + 1] = png.data[i + 1] ?? 0;
    image.data[o + 2] = png.data[i + 2] ?? 0;
  }
  return image;
}

function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}

/** Solid colour image. */
export function fill(width: number, height: number, color: Rgb): RgbImage {
  const image = createImage(width, height);
  for (let o = 0; o < image.data.length; o += 3) {
    image.data[o] = color[0];
    image.data[o + 1] = color[1];
    image.data[o + 2] = color[2];
  }
  return image;
}

/** Top-to-bottom linear gradient: a studio-backdrop-like background that is neither flat nor black. */
export function verticalGradient(width: number, height: number, top: Rgb, bottom: Rgb): RgbImage {
  const image = createImage(width, height);
  for (let y = 0; y < height; y++) {
    const t = height === 1 ? 0 : y / (height - 1);
    const r = clampByte(top[0] + (bottom[0] - top[0]) * t);
    const g = clampByte(top[1] + (bottom[1] - top[1]) * t);
    const b = clampByte(top[2] + (bottom[2] - top[2]) * t);
    for (let x = 0, o = y * width * 3; x < width; x++, o += 3) {
      image.data[o] = r;
      image.data[o + 1] = g;
      image.data[o + 2] = b;
    }
  }
  return image;
}

/** Mean colour of the outermost `band` pixels on all four sides, to pick a background that matches a photo. */
export function borderColor(image: RgbImage, band = 4): Rgb {
  const sum: [number, number, number] = [0, 0, 0];
  let count = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const onBorder = x < band || y < band || x >= image.width - band || y >= image.height - band;
      if (!onBorder) continue;
      const o = (y * image.width + x) * 3;
      sum[0] += image.data[o] ?? 0;
      sum[1] += image.data[o + 1] ?? 0;
      sum[2] += image.data[o + 2] ?? 0;
      count++;
    }
  }
  return [Math.round(sum[0] / count), Math.round(sum[1] / count), Math.round(sum[2] / count)];
}

/**
 * Weights of each source sample for each destination sample along one axis. A triangle filter whose radius grows
 * with the down-scaling factor makes this bilinear when enlarging and area-like when shrinking, so a small face
 * does not alias into a pattern the detector would never see from a real lens.
 */
interface ResampleWeights {
  index: Int32Array;
  weight: Float32Array;
  taps: number;
}

function resampleWeights(srcLength: number, dstLength: number): ResampleWeights {
  const scale = srcLength / dstLength;
  const radius = Math.max(1, scale);
  const taps = Math.ceil(radius) * 2 + 1;
  const index = new Int32Array(dstLength * taps);
  const weight = new Float32Array(dstLength * taps);
  for (let d = 0; d < dstLength; d++) {
    const centre = (d + 0.5) * scale - 0.5;
    const first = Math.floor(centre - radius) + 1;
    let total = 0;
    for (let t = 0; t < taps; t++) {
      const s = first + t;
      const w = Math.max(0, 1 - Math.abs(s - centre) / radius);
      index[d * taps + t] = Math.min(srcLength - 1, Math.max(0, s));
      weight[d * taps + t] = w;
      total += w;
    }
    for (let t = 0; t < taps; t++) weight[d * taps + t]! /= total;
  }
  return { index, weight, taps };
}

/** Separable resample to an exact size (bilinear when enlarging, area-like when shrinking). */
export function resize(image: RgbImage, width: number, height: number): RgbImage {
  const out = createImage(width, height);
  const horizontal = resampleWeights(image.width, width);
  const vertical = resampleWeights(image.height, height);
  const rows = new Float32Array(width * image.height * 3);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let t = 0; t < horizontal.taps; t++) {
        const w = horizontal.weight[x * horizontal.taps + t]!;
        if (w === 0) continue;
        const o = (y * image.width + horizontal.index[x * horizontal.taps + t]!) * 3;
        r += w * image.data[o]!;
        g += w * image.data[o + 1]!;
        b += w * image.data[o + 2]!;
      }
      const o = (y * width + x) * 3;
      rows[o] = r;
      rows[o + 1] = g;
      rows[o + 2] = b;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let t = 0; t < vertical.taps; t++) {
        const w = vertical.weight[y * vertical.taps + t]!;
        if (w === 0) continue;
        const o = (vertical.index[y * vertical.taps + t]! * width + x) * 3;
        r += w * rows[o]!;
        g += w * rows[o + 1]!;
        b += w * rows[o + 2]!;
      }
      const o = (y * width + x) * 3;
      out.data[o] = clampByte(r);
      out.data[o + 1] = clampByte(g);
      out.data[o + 2] = clampByte(b);
    }
  }
  return out;
}

/** Rectangle cut-out; the rectangle must lie inside the image. */
export function crop(image: RgbImage, x: number, y: number, width: number, height: number): RgbImage {
  if (x < 0 || y < 0 || x + width > image.width || y + height > image.height) {
    throw new RangeError(`crop ${x},${y} ${width}×${height} is outside the ${image.width}×${image.height} image`);
  }
  const out = createImage(width, height);
  for (let row = 0; row < height; row++) {
    const start = ((y + row) * image.width + x) * 3;
    out.data.set(image.data.subarray(start, start + width * 3), row * width * 3);
  }
  return out;
}

/**
 * Pastes `image` onto a copy of `background` with its top-left corner at (x, y), clipped to the background.
 * With `feather` > 0 the pasted image fades out over that many pixels at its edges, so a photo laid on a backdrop
 * has no hard rectangular border (a hard edge would read as a strong feature to the detector and to sharpness).
 */
export function compose(background: RgbImage, image: RgbImage, x: number, y: number, feather = 0): RgbImage {
  const out: RgbImage = { width: background.width, height: background.height, data: background.data.slice() };
  const left = Math.round(x);
  const top = Math.round(y);
  for (let sy = Math.max(0, -top); sy < image.height && top + sy < out.height; sy++) {
    for (let sx = Math.max(0, -left); sx < image.width && left + sx < out.width; sx++) {
      let alpha = 1;
      if (feather > 0) {
        const edgeDistance = Math.min(sx, sy, image.width - 1 - sx, image.height - 1 - sy) + 0.5;
        alpha = Math.min(1, edgeDistance / feather);
      }
      const s = (sy * image.width + sx) * 3;
      const d = ((top + sy) * out.width + left + sx) * 3;
      for (let c = 0; c < 3; c++) {
        out.data[d + c] = clampByte(out.data[d + c]! * (1 - alpha) + image.data[s + c]! * alpha);
      }
    }
  }
  return out;
}

/** Bilinear sample of one channel at a fractional position; the caller guarantees the position is in range. */
function sampleBilinear(image: RgbImage, x: number, y: number, channel: number): number {
  const x0 = Math.min(image.width - 1, Math.max(0, Math.floor(x)));
  const y0 = Math.min(image.height - 1, Math.max(0, Math.floor(y)));
  const x1 = Math.min(image.width - 1, x0 + 1);
  const y1 = Math.min(image.height - 1, y0 + 1);
  const fx = Math.min(1, Math.max(0, x - x0));
  const fy = Math.min(1, Math.max(0, y - y0));
  const at = (px: number, py: number): number => image.data[(py * image.width + px) * 3 + channel]!;
  const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
  const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Rotates about the image centre, keeping the size. Positive degrees turn the picture clockwise on screen
 * (y grows downwards), like CSS `rotate()`. Uncovered corners take `background`.
 */
export function rotate(image: RgbImage, degrees: number, background: Rgb): RgbImage {
  const out = createImage(image.width, image.height);
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cx = (image.width - 1) / 2;
  const cy = (image.height - 1) / 2;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      // Inverse mapping: where in the source does this destination pixel come from?
      const dx = x - cx;
      const dy = y - cy;
      const sx = cx + dx * cos + dy * sin;
      const sy = cy - dx * sin + dy * cos;
      const o = (y * image.width + x) * 3;
      const inside = sx > -0.5 && sy > -0.5 && sx < image.width - 0.5 && sy < image.height - 0.5;
      for (let c = 0; c < 3; c++) {
        out.data[o + c] = inside ? clampByte(sampleBilinear(image, sx, sy, c)) : background[c]!;
      }
    }
  }
  return out;
}

/** Multiplies every channel by `factor` (exposure change), clipping at 0 and 255. */
export function scaleBrightness(image: RgbImage, factor: number): RgbImage {
  const out = createImage(image.width, image.height);
  for (let i = 0; i < image.data.length; i++) out.data[i] = clampByte(image.data[i]! * factor);
  return out;
}

/** Applies `255 · (v / 255) ^ exponent`: an exponent above 1 darkens mid-tones, below 1 lifts them. */
export function gamma(image: RgbImage, exponent: number): RgbImage {
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = clampByte(255 * Math.pow(v / 255, exponent));
  const out = createImage(image.width, image.height);
  for (let i = 0; i < image.data.length; i++) out.data[i] = table[image.data[i]!]!;
  return out;
}

function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(sigma * 3));
  const kernel = new Float32Array(radius * 2 + 1);
  let total = 0;
  for (let i = -radius; i <= radius; i++) {
    const w = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel[i + radius] = w;
    total += w;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= total;
  return kernel;
}

/** Separable Gaussian blur with edge clamping (an out-of-focus lens). `sigma` ≤ 0 returns a copy. */
export function gaussianBlur(image: RgbImage, sigma: number): RgbImage {
  if (sigma <= 0) return { width: image.width, height: image.height, data: image.data.slice() };
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) / 2;
  const { width, height } = image;
  const pass = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let k = -radius; k <= radius; k++) {
          const sx = Math.min(width - 1, Math.max(0, x + k));
          sum += kernel[k + radius]! * image.data[(y * width + sx) * 3 + c]!;
        }
        pass[(y * width + x) * 3 + c] = sum;
      }
    }
  }
  const out = createImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let k = -radius; k <= radius; k++) {
          const sy = Math.min(height - 1, Math.max(0, y + k));
          sum += kernel[k + radius]! * pass[(sy * width + x) * 3 + c]!;
        }
        out.data[(y * width + x) * 3 + c] = clampByte(sum);
      }
    }
  }
  return out;
}

export interface SquashOptions {
  /** Column of the face's vertical midline (through the nose) before the warp. */
  centerX: number;
  /** Half the face width: the band [centerX − halfWidth, centerX + halfWidth] is warped, the rest is untouched. */
  halfWidth: number;
  /** Width of the compressed half relative to its original width, 0 < factor ≤ 1. */
  factor: number;
  /** Which half (as seen in the image) is compressed; the midline moves towards this side. */
  side: 'left' | 'right';
}

/**
 * Fakes a head turn (yaw) in 2-D: one half of the face is squeezed horizontally and the other stretched, with the
 * band's outer edges (roughly the ears) kept in place. The nose and eyes therefore slide towards one ear, which is
 * what BlazeFace's keypoints do when a real head turns, while the face box stays about the same.
 */
export function horizontalSquash(image: RgbImage, options: SquashOptions): RgbImage {
  const { centerX, halfWidth, factor, side } = options;
  if (!(factor > 0 && factor <= 1)) throw new RangeError(`squash factor must be in (0, 1], got ${factor}`);
  const left = centerX - halfWidth;
  const right = centerX + halfWidth;
  const movedCenter = side === 'right' ? right - halfWidth * factor : left + halfWidth * factor;
  const out: RgbImage = { width: image.width, height: image.height, data: image.data.slice() };
  const firstColumn = Math.max(0, Math.ceil(left));
  const lastColumn = Math.min(image.width - 1, Math.floor(right));
  for (let x = firstColumn; x <= lastColumn; x++) {
    // Piecewise-linear inverse map: [left, movedCenter] ← [left, centerX], [movedCenter, right] ← [centerX, right].
    const sourceX =
      x <= movedCenter
        ? left + ((x - left) * (centerX - left)) / (movedCenter - left)
        : centerX + ((x - movedCenter) * (right - centerX)) / (right - movedCenter);
    for (let y = 0; y < image.height; y++) {
      const o = (y * image.width + x) * 3;
      for (let c = 0; c < 3; c++) out.data[o + c] = clampByte(sampleBilinear(image, sourceX, y, c));
    }
  }
  return out;
}

export interface BacklightOptions {
  /** Brightness factor applied to the subject (1 keeps its exposure, below 1 darkens it like an auto-exposed
   *  camera facing a window). */
  subjectExposure: number;
  /** Luma-ish level of the blown-out background, about 235–255. */
  backgroundLevel: number;
  /** Width in pixels of the soft transition at the subject's edge. */
  feather: number;
}

/** Soft membership of (x, y) in `ellipse`: 1 inside, 0 outside, a linear ramp `feather` pixels wide at the edge. */
function ellipseWeight(ellipse: Ellipse, x: number, y: number, feather: number): number {
  const nx = (x - ellipse.cx) / ellipse.rx;
  const ny = (y - ellipse.cy) / ellipse.ry;
  // Approximate signed distance to the edge in pixels, positive outside.
  const outside = (Math.sqrt(nx * nx + ny * ny) - 1) * ((ellipse.rx + ellipse.ry) / 2);
  if (feather <= 0) return outside <= 0 ? 1 : 0;
  return Math.min(1, Math.max(0, 0.5 - outside / feather));
}

/**
 * Backlit scene: everything outside the `subject` ellipses (say head and shoulders) is pushed to a near-white,
 * almost featureless level (a window behind the person), while the subject keeps `subjectExposure` of its
 * brightness.
 */
export function backlight(image: RgbImage, subject: readonly Ellipse[], options: BacklightOptions): RgbImage {
  const { subjectExposure, backgroundLevel, feather } = options;
  const out = createImage(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      let subjectWeight = 0;
      for (const ellipse of subject) subjectWeight = Math.max(subjectWeight, ellipseWeight(ellipse, x, y, feather));
      const o = (y * image.width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = image.data[o + c]!;
        // Keep a trace of the scene's structure in the glare so it is not a flat synthetic plate.
        const glare = backgroundLevel + (v / 255 - 0.5) * (255 - backgroundLevel);
        out.data[o + c] = clampByte(v * subjectExposure * subjectWeight + glare * (1 - subjectWeight));
      }
    }
  }
  return out;
}

/** Left-right flip. */
export function mirror(image: RgbImage): RgbImage {
  const out = createImage(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const s = (y * image.width + x) * 3;
      const d = (y * image.width + (image.width - 1 - x)) * 3;
      out.data[d] = image.data[s]!;
      out.data[d + 1] = image.data[s + 1]!;
      out.data[d + 2] = image.data[s + 2]!;
    }
  }
  return out;
}

/** One ellipse painted over an image: filled, or only its outline `stroke` pixels wide. */
export interface EllipsePaint {
  ellipse: Ellipse;
  color: Rgb;
  /** 0..1: how much of the colour covers what is underneath. */
  opacity: number;
  /** Soft edge width in pixels (default 1). */
  feather?: number;
  /** Outline width in pixels; omitted for a filled ellipse. */
  stroke?: number;
}

/** Paints the ellipses in order (later ones over earlier ones): lids, lenses, spectacle rims, a mask. */
export function paintEllipses(image: RgbImage, paints: readonly EllipsePaint[]): RgbImage {
  const out: RgbImage = { width: image.width, height: image.height, data: new Uint8Array(image.data) };
  for (const { ellipse, color, opacity, feather = 1, stroke } of paints) {
    const reach = feather + (stroke ?? 0);
    const x0 = Math.max(0, Math.floor(ellipse.cx - ellipse.rx - reach));
    const x1 = Math.min(image.width - 1, Math.ceil(ellipse.cx + ellipse.rx + reach));
    const y0 = Math.max(0, Math.floor(ellipse.cy - ellipse.ry - reach));
    const y1 = Math.min(image.height - 1, Math.ceil(ellipse.cy + ellipse.ry + reach));
    const inner =
      stroke === undefined
        ? null
        : { ...ellipse, rx: Math.max(0.5, ellipse.rx - stroke), ry: Math.max(0.5, ellipse.ry - stroke) };
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const outer = ellipseWeight(ellipse, x, y, feather);
        const weight = opacity * (inner ? Math.max(0, outer - ellipseWeight(inner, x, y, feather)) : outer);
        if (weight <= 0) continue;
        const o = (y * image.width + x) * 3;
        for (let c = 0; c < 3; c++) out.data[o + c] = clampByte(out.data[o + c]! * (1 - weight) + color[c]! * weight);
      }
    }
  }
  return out;
}

/** Mean colour of the pixels inside `ellipse` (to paint with the colour of the skin next to it). */
export function meanColor(image: RgbImage, ellipse: Ellipse): Rgb {
  const sum = [0, 0, 0];
  let count = 0;
  for (
    let y = Math.max(0, Math.floor(ellipse.cy - ellipse.ry));
    y <= Math.min(image.height - 1, ellipse.cy + ellipse.ry);
    y++
  ) {
    for (
      let x = Math.max(0, Math.floor(ellipse.cx - ellipse.rx));
      x <= Math.min(image.width - 1, ellipse.cx + ellipse.rx);
      x++
    ) {
      if (ellipseWeight(ellipse, x, y, 0) < 1) continue;
      const o = (y * image.width + x) * 3;
      for (let c = 0; c < 3; c++) sum[c]! += image.data[o + c]!;
      count++;
    }
  }
  if (count === 0) throw new RangeError('meanColor: the ellipse covers no pixel');
  return [sum[0]! / count, sum[1]! / count, sum[2]! / count];
}
