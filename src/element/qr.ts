/**
 * The QR code of a handoff link, as one SVG path. Its own chunk (imported on demand by the handoff controller),
 * so the QR encoder is never downloaded on the ordinary path.
 */
import qrcode from 'qrcode-generator';

export interface QrPath {
  /** Modules per side, the quiet zone included. */
  size: number;
  /** One `M x y h1 v1 h-1 z` square per dark module. */
  d: string;
}

/** The quiet zone around the code, in modules: the standard asks for four. */
const QUIET_ZONE = 4;

export function qrPath(text: string): QrPath {
  // Error correction M: a screen is read from close by, and M keeps the code small enough to scan at a glance.
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < count; row += 1) {
    for (let column = 0; column < count; column += 1) {
      if (qr.isDark(row, column)) parts.push(`M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return { size: count + QUIET_ZONE * 2, d: parts.join('') };
}
