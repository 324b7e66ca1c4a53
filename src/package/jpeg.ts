/**
 * Encodes a captured frame as JPEG. The short side is at least 480 px because providers refuse smaller selfies
 * (Kairos v0.1 needs 480×480); a smaller camera frame is scaled up and the report says so.
 */
export const MIN_SHORT_SIDE = 480;

export interface EncodedJpeg {
  blob: Blob;
  width: number;
  height: number;
  upscaled: boolean;
}

export async function encodeJpeg(source: ImageBitmap, quality = 0.92): Promise<EncodedJpeg> {
  const shortSide = Math.min(source.width, source.height);
  const scale = shortSide < MIN_SHORT_SIDE ? MIN_SHORT_SIDE / shortSide : 1;
  const width = Math.round(source.width * scale);
  const height = Math.round(source.height * scale);
  const blob = await drawToJpeg(source, width, height, quality);
  return { blob, width, height, upscaled: scale > 1 };
}

async function drawToJpeg(source: ImageBitmap, width: number, height: number, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.drawImage(source, 0, 0, width, height);
      return canvas.convertToBlob({ type: 'image/jpeg', quality });
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2D context is unavailable');
  ctx.drawImage(source, 0, 0, width, height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality),
  );
}
