/** Upload limits that are fixed by design (the request size limit is configurable: LIVENESS_MAX_UPLOAD_BYTES). */
export const UPLOAD_LIMITS = {
  /** The shorter side of every image (and shotset frame, and selfie) must be at least this many pixels. */
  minImageSide: 300,
  /** Larger images are refused before decoding: providers cap at 5000 px and decoding costs memory. */
  maxImageSide: 8000,
  maxImagePixels: 40_000_000,
  maxZipEntries: 30,
  maxZipUncompressedBytes: 50 * 1024 * 1024,
  /** Per entry, uncompressed / compressed. Real JPEG/PNG frames barely compress; bombs compress ~1000:1. */
  maxZipCompressionRatio: 100,
  /** Longest accepted report JSON. */
  maxReportBytes: 64 * 1024,
} as const;
