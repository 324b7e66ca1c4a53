/**
 * The focus measure used on both sides: the browser scores the face crop it guides the user with, and the backend
 * picks a shotset's sharpest frame. One implementation, so "sharp" means the same thing in both places. Pure, no
 * DOM or Node APIs.
 */

/**
 * Rec.601 luma (0..255) of each pixel of an interleaved 8-bit image with 1–4 channels: grey, grey + alpha, RGB or
 * RGBA. Alpha is ignored (canvas frames and decoded photos are opaque).
 * @throws {RangeError} when the data length is not width × height × channels.
 */
export function lumaPlane(
  data: ArrayLike<number>,
  width: number,
  height: number,
  channels: 1 | 2 | 3 | 4 = 4,
): Float32Array {
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 0 ||
    height < 0 ||
    data.length !== width * height * channels
  ) {
    throw new RangeError(
      `an image must hold width × height × ${channels} bytes (${width}×${height}), got ${data.length}`,
    );
  }
  const luma = new Float32Array(width * height);
  if (channels < 3) {
    for (let i = 0; i < luma.length; i++) luma[i] = data[i * channels] ?? 0;
    return luma;
  }
  for (let i = 0; i < luma.length; i++) {
    const o = i * channels;
    luma[i] = 0.299 * (data[o] ?? 0) + 0.587 * (data[o + 1] ?? 0) + 0.114 * (data[o + 2] ?? 0);
  }
  return luma;
}

/**
 * Variance of the 4-neighbour Laplacian (4·centre − up − down − left − right) of a luma plane: high for crisp edges
 * and texture, near 0 for a flat or blurred image. Null when the image has no interior.
 *
 * `step` > 1 samples a grid: the Laplacian at every `step`-th pixel, with neighbours `step` pixels away. That keeps
 * the cost of a large frame bounded; the value depends on scale, so only compare numbers measured the same way.
 */
export function laplacianVariance(luma: ArrayLike<number>, width: number, height: number, step = 1): number | null {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be a positive integer, got ${step}`);
  if (width < 2 * step + 1 || height < 2 * step + 1) return null;
  const up = step * width;
  let count = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (let y = step; y < height - step; y += step) {
    for (let x = step; x < width - step; x += step) {
      const i = y * width + x;
      const laplacian =
        4 * (luma[i] ?? 0) - (luma[i - step] ?? 0) - (luma[i + step] ?? 0) - (luma[i - up] ?? 0) - (luma[i + up] ?? 0);
      count++;
      sum += laplacian;
      sumOfSquares += laplacian * laplacian;
    }
  }
  const mean = sum / count;
  // Rounding can leave a tiny negative variance for a flat image.
  return Math.max(0, sumOfSquares / count - mean * mean);
}
