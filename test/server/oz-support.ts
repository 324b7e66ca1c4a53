/**
 * Shared fixtures for the Oz tests: small real media files (JPEG, PNG, MP4/WebM headers, shot-set ZIPs), a
 * CheckMedia builder, a ProviderContext that records checkpoints, and a controllable clock.
 */
import { zipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { CheckMedia, ProviderCheckpoint, ProviderContext } from '../../src/server/providers/types.js';

/** A small JPEG whose pixels depend on `seed`, so different seeds give different bytes (and sandbox scores). */
export function makeJpeg(seed = 1, width = 16, height = 16): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = (i * seed) % 256;
    data[i * 4 + 1] = (i + seed * 7) % 256;
    data[i * 4 + 2] = (seed * 31) % 256;
    data[i * 4 + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

export function makePng(width = 8, height = 8): Uint8Array {
  const png = new PNG({ width, height });
  png.data.fill(128);
  return new Uint8Array(PNG.sync.write(png));
}

/** Enough of an MP4 for type sniffing: a `ftyp` box followed by filler. */
export function makeMp4(seed = 1): Uint8Array {
  const header = [0x00, 0x00, 0x00, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2mp41')];
  return new Uint8Array([...header, ...Array.from({ length: 64 }, (_, i) => (i * seed) % 256)]);
}

export function makeWebm(): Uint8Array {
  return new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, ...Buffer.from('webm')]);
}

export function makeShotset(frames: Uint8Array[]): Uint8Array {
  return zipSync(Object.fromEntries(frames.map((frame, i) => [`frame_${i}.jpg`, frame])), { level: 0 });
}

const PORTRAIT_IMAGE_TAGS = ['video_selfie', 'orientation_portrait'];
const PORTRAIT_VIDEO_TAGS = ['video_selfie', 'video_selfie_blank', 'orientation_portrait'];

export function imageMedia(seed = 1, overrides: Partial<CheckMedia> = {}): CheckMedia {
  const bytes = makeJpeg(seed);
  return {
    kind: 'image',
    contentType: 'image/jpeg',
    fileName: 'selfie.jpg',
    bytes,
    tags: PORTRAIT_IMAGE_TAGS,
    selfieJpeg: bytes,
    selfieSize: { width: 16, height: 16 },
    ...overrides,
  };
}

export function shotsetMedia(seed = 1): CheckMedia {
  const frames = [makeJpeg(seed), makeJpeg(seed + 1)];
  return {
    kind: 'shotset',
    contentType: 'application/zip',
    fileName: 'shotset.zip',
    bytes: makeShotset(frames),
    tags: PORTRAIT_VIDEO_TAGS,
    selfieJpeg: frames[0]!,
    selfieSize: { width: 16, height: 16 },
    frames,
  };
}

export function videoMedia(seed = 1): CheckMedia {
  return {
    kind: 'video',
    contentType: 'video/mp4',
    fileName: 'clip.mp4',
    bytes: makeMp4(seed),
    tags: PORTRAIT_VIDEO_TAGS,
    selfieJpeg: makeJpeg(seed),
    selfieSize: { width: 16, height: 16 },
  };
}

export interface RecordingContext extends ProviderContext {
  saved: ProviderCheckpoint[];
  controller: AbortController;
}

let checkCounter = 0;

export function makeContext(overrides: Partial<ProviderContext> = {}): RecordingContext {
  const controller = new AbortController();
  const saved: ProviderCheckpoint[] = [];
  checkCounter += 1;
  return {
    checkId: `check-${checkCounter}`,
    sessionId: `session-${checkCounter}`,
    signal: controller.signal,
    saveCheckpoint: async (checkpoint) => {
      saved.push({ ...checkpoint });
    },
    ...overrides,
    saved,
    controller,
  };
}

/** A clock tests move by hand; both the emulator and the adapter can share it. */
export function manualClock(start = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms) };
}
