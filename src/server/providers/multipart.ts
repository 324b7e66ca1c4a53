/**
 * A multipart/form-data body (RFC 7578) as one byte array, for the providers' uploads. The web's FormData needs a
 * Blob per file and web streams to serialise, which cost more CPU than the rest of a provider call; a form of a
 * file and a field or two is simple enough to write out directly, and bytes can be resent on a retry as they are.
 */
import { randomBytes } from 'node:crypto';

export type MultipartPart =
  { name: string; value: string } | { name: string; fileName: string; contentType: string; bytes: Uint8Array };

export interface MultipartBody {
  contentType: string;
  body: Uint8Array;
}

export function encodeMultipart(parts: readonly MultipartPart[]): MultipartBody {
  // 24 random bytes: no chance of appearing inside a JPEG or a video, so the body needs no scan for it.
  const boundary = `----liveness${randomBytes(24).toString('hex')}`;
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"`;
    if ('bytes' in part) {
      head += `; filename="${quoted(part.fileName)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
      chunks.push(Buffer.from(head, 'utf8'), part.bytes, CRLF);
    } else {
      chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), Buffer.from(part.value, 'utf8'), CRLF);
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

const CRLF = Buffer.from('\r\n', 'utf8');

/** The escaping the WHATWG HTML spec gives FormData for names and filenames: CR, LF and `"` percent-encoded. */
function quoted(value: string): string {
  return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}
