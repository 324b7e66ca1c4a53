/**
 * Shotset archives: read the ZIP central directory ourselves and inflate each entry with fflate's streaming
 * inflater, so every limit is enforced on what is actually produced, not on what the archive claims. Declared sizes
 * are checked first (cheap refusal of honest-but-too-big archives); inflation then stops the moment an entry
 * produces more than it declared (dishonest bombs), overlapping entries are refused (the "overlapping files" bomb),
 * and each entry's CRC must match. The entries, the directory and the end record must cover the file exactly, so
 * nothing can hide before, between or after them (concatenated archives, appended payloads).
 *
 * Refused: encryption, ZIP64, multi-disk, methods other than store/deflate, directories, any path separator or
 * `..` in names, duplicate names, nested archives.
 */
import { Inflate } from 'fflate';
import { HttpError, httpError } from '../errors.js';
import { crc32 } from './crc32.js';
import { UPLOAD_LIMITS } from './limits.js';
import { isArchive } from './sniff.js';

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

interface DirectoryEntry {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
/** General purpose flag bit 3: CRC and sizes follow the data in a data descriptor. */
const HAS_DATA_DESCRIPTOR = 0x0008;
const EOCD_LENGTH = 22;
const CENTRAL_HEADER_LENGTH = 46;
const LOCAL_HEADER_LENGTH = 30;
const INFLATE_CHUNK = 4096;
const ZIP64_MARKER = 0xffffffff;
const NESTED_ARCHIVE_NAME = /\.(zip|rar|7z|gz|tgz|tar|bz2|xz|zst|jar|apk|ipa)$/i;

export function extractShotset(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { entries, centralStart } = readDirectory(bytes, view);
  checkDeclaredLimits(entries);
  const located = entries.map((entry) => ({ entry, ...locateData(bytes, view, entry, centralStart) }));
  refuseOverlapsAndGaps(located, view, centralStart);
  return located.map(({ entry, dataStart }) => {
    const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
    const content = entry.method === 0 ? data.slice() : inflateBounded(data, entry);
    if (content.length !== entry.size) throw invalid(`entry "${entry.name}" is shorter than its declared size`);
    if (crc32(content) !== entry.crc) throw invalid(`entry "${entry.name}" fails its CRC check`);
    if (isArchive(content)) throw invalid(`entry "${entry.name}" is a nested archive`);
    return { name: entry.name, bytes: content };
  });
}

function readDirectory(bytes: Uint8Array, view: DataView): { entries: DirectoryEntry[]; centralStart: number } {
  const eocd = findEndOfCentralDirectory(view);
  const u16 = (offset: number): number => view.getUint16(offset, true);
  const u32 = (offset: number): number => view.getUint32(offset, true);
  // The archive comment must run exactly to the end: anything after it is a payload hidden behind the archive.
  if (eocd + EOCD_LENGTH + u16(eocd + 20) !== bytes.length) throw invalid('data follows the end of the archive');
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw invalid('multi-disk archives are not accepted');
  const count = u16(eocd + 10);
  if (u16(eocd + 8) !== count) throw invalid('the entry counts disagree');
  if (count === 0xffff || u32(eocd + 12) === ZIP64_MARKER || u32(eocd + 16) === ZIP64_MARKER) {
    throw limits('ZIP64 archives are not accepted');
  }
  if (count === 0) throw invalid('the archive holds no frames');
  if (count > UPLOAD_LIMITS.maxZipEntries)
    throw limits(`${count} entries; at most ${UPLOAD_LIMITS.maxZipEntries} are accepted`);
  const start = u32(eocd + 16);
  if (start + u32(eocd + 12) !== eocd) throw invalid('the central directory does not end where the end record starts');

  const entries: DirectoryEntry[] = [];
  const names = new Set<string>();
  let offset = start;
  for (let index = 0; index < count; index += 1) {
    if (offset + CENTRAL_HEADER_LENGTH > eocd || u32(offset) !== CENTRAL_SIGNATURE)
      throw invalid('the central directory is damaged');
    const flags = u16(offset + 8);
    const nameLength = u16(offset + 28);
    const next = offset + CENTRAL_HEADER_LENGTH + nameLength + u16(offset + 30) + u16(offset + 32);
    if (next > eocd) throw invalid('the central directory is damaged');
    const nameBytes = bytes.slice(offset + CENTRAL_HEADER_LENGTH, offset + CENTRAL_HEADER_LENGTH + nameLength);
    const entry: DirectoryEntry = {
      name: decodeName(nameBytes, (flags & 0x0800) !== 0),
      nameBytes,
      flags,
      method: u16(offset + 10),
      crc: u32(offset + 16),
      compressedSize: u32(offset + 20),
      size: u32(offset + 24),
      localOffset: u32(offset + 42),
    };
    if (flags & 0x0001) throw invalid('encrypted entries are not accepted');
    if (entry.method !== 0 && entry.method !== 8)
      throw invalid(`entry "${entry.name}" uses an unsupported compression method`);
    if ([entry.compressedSize, entry.size, entry.localOffset].includes(ZIP64_MARKER))
      throw limits('ZIP64 archives are not accepted');
    checkName(entry.name);
    if (names.has(entry.name)) throw invalid(`entry "${entry.name}" appears twice`);
    names.add(entry.name);
    entries.push(entry);
    offset = next;
  }
  return { entries, centralStart: start };
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_LENGTH;
  const first = Math.max(0, last - 0xffff);
  for (let offset = last; offset >= first; offset -= 1) {
    if (view.getUint32(offset, true) === EOCD_SIGNATURE) return offset;
  }
  throw invalid('no end-of-central-directory record');
}

function checkName(name: string): void {
  if (name.length === 0) throw invalid('an entry has an empty name');
  if (name.endsWith('/') || name.endsWith('\\'))
    throw invalid(`entry "${name}" is a directory; frames must sit at the top level`);
  if (name.includes('..')) throw invalid(`entry "${name}" contains ".."`);
  if (name.includes('/') || name.includes('\\') || name.includes(':'))
    throw invalid(`entry "${name}" has a path; frames must sit at the top level`);
  // eslint-disable-next-line no-control-regex -- matching control characters is the point of this check
  if (/[\u0000-\u001f\u007f]/.test(name)) throw invalid('an entry name contains control characters');
  if (NESTED_ARCHIVE_NAME.test(name)) throw invalid(`entry "${name}" is a nested archive`);
}

function checkDeclaredLimits(entries: readonly DirectoryEntry[]): void {
  let total = 0;
  for (const entry of entries) {
    if (entry.method === 0 && entry.compressedSize !== entry.size)
      throw invalid(`entry "${entry.name}" has inconsistent sizes`);
    const ratio = entry.size / Math.max(entry.compressedSize, 1);
    if (ratio > UPLOAD_LIMITS.maxZipCompressionRatio) {
      throw limits(
        `entry "${entry.name}" compresses ${Math.round(ratio)}:1; at most ${UPLOAD_LIMITS.maxZipCompressionRatio}:1 is accepted`,
      );
    }
    total += entry.size;
  }
  if (total > UPLOAD_LIMITS.maxZipUncompressedBytes) {
    throw limits(
      `the frames total ${total} bytes uncompressed; at most ${UPLOAD_LIMITS.maxZipUncompressedBytes} are accepted`,
    );
  }
}

/** The local header must agree with the central directory (two different names for one entry is a known trick). */
function locateData(
  bytes: Uint8Array,
  view: DataView,
  entry: DirectoryEntry,
  centralStart: number,
): { start: number; dataStart: number; end: number } {
  const offset = entry.localOffset;
  if (offset + LOCAL_HEADER_LENGTH > centralStart || view.getUint32(offset, true) !== LOCAL_SIGNATURE) {
    throw invalid(`entry "${entry.name}" has no local header`);
  }
  const nameLength = view.getUint16(offset + 26, true);
  const extraLength = view.getUint16(offset + 28, true);
  const localName = bytes.subarray(offset + LOCAL_HEADER_LENGTH, offset + LOCAL_HEADER_LENGTH + nameLength);
  if (view.getUint16(offset + 8, true) !== entry.method || !sameBytes(localName, entry.nameBytes)) {
    throw invalid(`entry "${entry.name}" disagrees with its local header`);
  }
  const dataStart = offset + LOCAL_HEADER_LENGTH + nameLength + extraLength;
  const end = dataStart + entry.compressedSize;
  if (end > centralStart) throw invalid(`entry "${entry.name}" runs past the archive data`);
  return { start: offset, dataStart, end };
}

/**
 * The entries must tile the file from its first byte to the central directory: no overlap (the "overlapping files"
 * bomb) and no unreferenced bytes. Bytes no entry owns are what a concatenated or prefixed archive hides, and
 * another ZIP reader (one that walks local headers from the start instead of reading the directory from the end)
 * would see different frames than we checked.
 */
function refuseOverlapsAndGaps(
  ranges: ReadonlyArray<{ entry: DirectoryEntry; start: number; end: number }>,
  view: DataView,
  centralStart: number,
): void {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let expected = 0;
  for (const { entry, start, end } of sorted) {
    if (start < expected) throw invalid('entries overlap');
    if (start > expected) throw invalid('the archive holds bytes that belong to no entry');
    expected = end + descriptorLength(view, entry, end);
  }
  if (expected !== centralStart) throw invalid('the archive holds bytes that belong to no entry');
}

/** A data descriptor (flag bit 3) follows the data: CRC and sizes, with or without its optional signature. */
function descriptorLength(view: DataView, entry: DirectoryEntry, dataEnd: number): number {
  if ((entry.flags & HAS_DATA_DESCRIPTOR) === 0) return 0;
  return dataEnd + 4 <= view.byteLength && view.getUint32(dataEnd, true) === DESCRIPTOR_SIGNATURE ? 16 : 12;
}

function inflateBounded(data: Uint8Array, entry: DirectoryEntry): Uint8Array {
  const output = new Uint8Array(entry.size);
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    if (produced + chunk.length > entry.size) {
      throw limits(`entry "${entry.name}" inflates beyond its declared size`);
    }
    output.set(chunk, produced);
    produced += chunk.length;
  });
  try {
    for (let offset = 0; offset < data.length; offset += INFLATE_CHUNK) {
      inflater.push(data.subarray(offset, offset + INFLATE_CHUNK), offset + INFLATE_CHUNK >= data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw invalid(`entry "${entry.name}" is not valid deflate data`, error);
  }
  return output.subarray(0, produced);
}

function decodeName(bytes: Uint8Array, utf8: boolean): string {
  if (!utf8) return String.fromCharCode(...bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('an entry name is not valid UTF-8');
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function invalid(message: string, cause?: unknown) {
  return httpError('invalid-zip', message, { cause });
}

function limits(message: string) {
  return httpError('zip-limits', message);
}
