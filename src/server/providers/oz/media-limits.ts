/**
 * Oz's documented media limits, checked before anything is sent (an upload is billed and not safe to repeat):
 * images JPEG or PNG only, 10 MB per file by default (old formats page), and a liveness video of at most 5 s
 * (media quality requirements). Pure byte readers, so the rules unit-test offline.
 */
import { ProviderError, type ProviderErrorCode } from '../types.js';

/** 10 MB per file, Oz's default (the docs say "10 MB"; read as 10 × 1024 × 1024 bytes, the stricter reading is 10^7). */
export const OZ_MAX_FILE_BYTES = 10_000_000;
export const OZ_MAX_VIDEO_SECONDS = 5;

export function mediaLimitError(code: ProviderErrorCode, message: string): ProviderError {
  return new ProviderError('oz', code, `${message}; not sent to Oz`, { retryable: false });
}

/** Video duration in seconds from an MP4/MOV `moov/mvhd` box or a WebM `Segment/Info/Duration`; null when not stated. */
export function videoDurationSeconds(bytes: Uint8Array): number | null {
  return mp4Duration(bytes) ?? webmDuration(bytes);
}

function mp4Duration(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const box = (start: number, end: number, type: string): { start: number; end: number } | null => {
    for (let offset = start; offset + 8 <= end;) {
      let size = view.getUint32(offset);
      let header = 8;
      if (size === 1 && offset + 16 <= end) {
        size = Number(view.getBigUint64(offset + 8));
        header = 16;
      } else if (size === 0) {
        size = end - offset;
      }
      if (size < header) return null;
      const name = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
      if (name === type) return { start: offset + header, end: Math.min(end, offset + size) };
      offset += size;
    }
    return null;
  };
  const moov = box(0, bytes.length, 'moov');
  const mvhd = moov && box(moov.start, moov.end, 'mvhd');
  if (!mvhd || mvhd.end - mvhd.start < 20) return null;
  const version = bytes[mvhd.start]!;
  const timescale = view.getUint32(mvhd.start + (version === 1 ? 20 : 12));
  const duration = version === 1 ? Number(view.getBigUint64(mvhd.start + 24)) : view.getUint32(mvhd.start + 16);
  return timescale > 0 && duration !== 0xffffffff ? duration / timescale : null;
}

/** EBML: Segment 0x18538067 > Info 0x1549A966 > TimecodeScale 0x2AD7B1 (ns, default 1e6) and Duration 0x4489 (float). */
function webmDuration(bytes: Uint8Array): number | null {
  if (!(bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vint = (offset: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null => {
    const first = bytes[offset];
    if (first === undefined || first === 0) return null;
    const length = Math.clz32(first) - 23;
    if (offset + length > bytes.length) return null;
    let value = keepMarker ? first : first & (0xff >> length);
    let allOnes = value === 0xff >> length;
    for (let i = 1; i < length; i++) {
      value = value * 256 + bytes[offset + i]!;
      allOnes &&= bytes[offset + i] === 0xff;
    }
    return { value, length, unknown: !keepMarker && allOnes };
  };
  const children = (start: number, end: number, visit: (id: number, start: number, end: number) => boolean): void => {
    for (let offset = start; offset < end;) {
      const id = vint(offset, true);
      const size = id && vint(offset + id.length, false);
      if (!id || !size) return;
      const dataStart = offset + id.length + size.length;
      const dataEnd = size.unknown ? end : Math.min(end, dataStart + size.value);
      if (visit(id.value, dataStart, dataEnd)) return;
      offset = dataEnd;
    }
  };
  let result: number | null = null;
  children(0, bytes.length, (id, start, end) => {
    if (id !== 0x18538067) return false;
    children(start, end, (childId, infoStart, infoEnd) => {
      if (childId !== 0x1549a966) return false;
      let scale = 1_000_000;
      let duration: number | null = null;
      children(infoStart, infoEnd, (field, from, to) => {
        if (field === 0x2ad7b1) {
          scale = 0;
          for (let i = from; i < to; i++) scale = scale * 256 + bytes[i]!;
        } else if (field === 0x4489) {
          duration = to - from === 4 ? view.getFloat32(from) : to - from === 8 ? view.getFloat64(from) : null;
        }
        return false;
      });
      if (duration !== null) result = (duration * scale) / 1e9;
      return true;
    });
    return true;
  });
  return result;
}
