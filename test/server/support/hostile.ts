/**
 * Builders for hostile inputs, written independently of the code under test so a bug there cannot hide in both:
 * a seeded PRNG, raw JWTs (any header, any signature), raw multipart bodies (duplicates, bad boundaries,
 * truncation) and a ZIP writer whose every header field can be lied about.
 */
import { createHmac } from 'node:crypto';
import { deflateSync } from 'fflate';

/** mulberry32: tiny, fast and good enough to spread cases; the same seed gives the same cases. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!,
    bytes: (length: number): Uint8Array<ArrayBuffer> => Uint8Array.from({ length }, () => int(0, 255)),
    /** Printable ASCII without spaces. */
    text: (length: number): string => String.fromCharCode(...Array.from({ length }, () => int(0x21, 0x7e))),
  };
}

export type Random = ReturnType<typeof seededRandom>;

// ---------------------------------------------------------------------------------------------------------------
// JWTs

export const b64url = (value: string | Uint8Array): string => Buffer.from(value).toString('base64url');

/** A JWT with exactly this header and payload; signed HS256/384/512 with `key`, or with a given signature. */
export function rawJwt(
  header: unknown,
  payload: unknown,
  signing: { key: string; hash?: 'sha256' | 'sha384' | 'sha512' } | { signature: string },
): string {
  const head = `${b64url(JSON.stringify(header))}.${b64url(typeof payload === 'string' ? payload : JSON.stringify(payload))}`;
  const signature =
    'signature' in signing
      ? signing.signature
      : createHmac(signing.hash ?? 'sha256', signing.key)
          .update(head)
          .digest('base64url');
  return `${head}.${signature}`;
}

// ---------------------------------------------------------------------------------------------------------------
// multipart/form-data

export interface Part {
  /** The raw `name` parameter, inserted as is (so it may carry quotes or CRLFs). */
  name: string;
  filename?: string;
  contentType?: string;
  data: Uint8Array | string;
}

export function multipartBody(parts: readonly Part[], boundary: string): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  const text = (value: string) => chunks.push(new TextEncoder().encode(value));
  for (const part of parts) {
    text(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`);
    if (part.filename !== undefined) text(`; filename="${part.filename}"`);
    text('\r\n');
    if (part.contentType !== undefined) text(`Content-Type: ${part.contentType}\r\n`);
    text('\r\n');
    chunks.push(typeof part.data === 'string' ? new TextEncoder().encode(part.data) : part.data);
    text('\r\n');
  }
  text(`--${boundary}--\r\n`);
  return concat(chunks);
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// ZIP

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntrySpec {
  name: string;
  data: Uint8Array;
  /** 0 store, 8 deflate (default 0); any other number is written as is. */
  method?: number;
  /** Lies, applied to both headers unless noted. */
  crc?: number;
  size?: number;
  compressedSize?: number;
  flags?: number;
  /** Only the local header carries this name. */
  localName?: string;
  /** The central directory points at another entry's local header. */
  localOffsetOf?: number;
}

export interface ZipSpec {
  entries: readonly ZipEntrySpec[];
  /** Bytes after the end-of-central-directory record. */
  trailing?: Uint8Array;
  /** Overrides of the end record: disk numbers, entry counts, directory size and offset. */
  end?: { disk?: number; cdDisk?: number; countOnDisk?: number; count?: number; cdSize?: number; cdOffset?: number };
}

/** A ZIP written field by field, so tests can lie in any of them. */
export function buildZip(spec: ZipSpec): Uint8Array<ArrayBuffer> {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of spec.entries) {
    const method = entry.method ?? 0;
    const payload = method === 8 ? deflateSync(entry.data) : entry.data;
    const crc = entry.crc ?? crc32(entry.data);
    const size = entry.size ?? entry.data.length;
    const compressedSize = entry.compressedSize ?? payload.length;
    const flags = entry.flags ?? 0x0800;
    const name = new TextEncoder().encode(entry.name);
    const localName = new TextEncoder().encode(entry.localName ?? entry.name);

    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, flags, true);
    local.setUint16(8, method, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, compressedSize, true);
    local.setUint32(22, size, true);
    local.setUint16(26, localName.length, true);
    offsets.push(offset);
    const localBytes = concat([new Uint8Array(local.buffer), localName, payload]);
    locals.push(localBytes);

    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(8, flags, true);
    central.setUint16(10, method, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, compressedSize, true);
    central.setUint32(24, size, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    centrals.push(concat([new Uint8Array(central.buffer), name]));
    offset += localBytes.length;
  }
  spec.entries.forEach((entry, index) => {
    if (entry.localOffsetOf !== undefined)
      new DataView(centrals[index]!.buffer).setUint32(42, offsets[entry.localOffsetOf]!, true);
  });
  const directory = concat(centrals);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(4, spec.end?.disk ?? 0, true);
  end.setUint16(6, spec.end?.cdDisk ?? 0, true);
  end.setUint16(8, spec.end?.countOnDisk ?? spec.end?.count ?? spec.entries.length, true);
  end.setUint16(10, spec.end?.count ?? spec.entries.length, true);
  end.setUint32(12, spec.end?.cdSize ?? directory.length, true);
  end.setUint32(16, spec.end?.cdOffset ?? offset, true);
  return concat([...locals, directory, new Uint8Array(end.buffer), spec.trailing ?? new Uint8Array(0)]);
}
