/**
 * A whole multipart/form-data body already in memory, parsed by busboy: what the sandbox emulators do with the
 * uploads the adapters send them. The web's `Request.formData()` did the same through web streams, Blobs and Files
 * at several times the CPU, which on a loaded machine the emulators took from the backend being measured.
 * (The backend's own upload route streams through busboy with limits instead: src/server/http/body.ts.)
 */
import { Busboy } from '@fastify/busboy';

export type FormPart =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; name: string; fileName: string; type: string; bytes: Uint8Array };

/** The parts in the order they were sent. */
export interface MultipartForm {
  parts: FormPart[];
  /** The first text field of that name, as FormData.get() answers it. */
  field(name: string): string | null;
  /** The first file part of that name. */
  file(name: string): Extract<FormPart, { kind: 'file' }> | null;
}

/** Rejects when the body is not well-formed multipart (no boundary, a part cut short, no closing delimiter). */
export function parseMultipartForm(contentType: string, body: Uint8Array): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    const parts: FormPart[] = [];
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({ headers: { 'content-type': contentType }, isPartAFile: (_n, _t, file) => file !== undefined });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let openFiles = 0;
    let finished = false;
    const settle = (): void => {
      if (!finished || openFiles > 0) return;
      resolve({
        parts,
        field: (name) => {
          const part = parts.find((entry) => entry.kind === 'field' && entry.name === name);
          return part?.kind === 'field' ? part.value : null;
        },
        file: (name) => {
          const part = parts.find((entry) => entry.kind === 'file' && entry.name === name);
          return part?.kind === 'file' ? part : null;
        },
      });
    };
    parser.on('field', (name, value) => parts.push({ kind: 'field', name, value }));
    parser.on('file', (name, stream, fileName, _encoding, type) => {
      // Its place in the order is taken now; the bytes arrive after.
      const part: FormPart = { kind: 'file', name, fileName, type, bytes: new Uint8Array(0) };
      parts.push(part);
      openFiles += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => {
        part.bytes = new Uint8Array(Buffer.concat(chunks));
        openFiles -= 1;
        settle();
      });
    });
    parser.on('error', reject);
    parser.on('finish', () => {
      finished = true;
      settle();
    });
    parser.end(body);
  });
}
