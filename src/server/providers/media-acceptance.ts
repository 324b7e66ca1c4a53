/**
 * Which uploaded media each provider takes, and so which the backend accepts and tells the widget about. One
 * table, read by GET /capture-options, by the refusal at POST /checks and by the Oz adapter.
 *
 * Every configured provider must take the media, whatever the policy: `all` and `any` ask each provider, and
 * `fallback` asks the next one when the first is unavailable. Media one provider cannot read would turn its
 * answer into an error and the verdict into `inconclusive`, so it is refused up front instead.
 */
import { CLIP_TYPES, type CaptureOptions, type ClipType } from '../../shared/media.js';
import type { ProviderName } from '../../shared/providers.js';
import { SNIFFED_TYPES, type SniffedType } from '../upload/sniff.js';

const types = (...list: SniffedType[]): ReadonlySet<string> => new Set<string>(list);

export const PROVIDER_MEDIA_TYPES: Readonly<Record<ProviderName, ReadonlySet<string>>> = {
  // Oz documents images (JPEG/PNG; the adapter converts WebP to JPEG and sends every photo as a one-image shot
  // set), video as MP4/MOV only (a MOV sniffs as video/mp4: both are ISO BMFF), and shot sets as a ZIP of images.
  oz: types('image/jpeg', 'image/png', 'image/webp', 'application/zip', 'video/mp4'),
  // Kairos is sent only the JPEG still of the face (the image, the sharpest shotset frame or the widget's selfie).
  kairos: types(...SNIFFED_TYPES),
};

/** The sniffed types every provider in `providers` accepts, in SNIFFED_TYPES order. */
export function acceptedMediaTypes(providers: readonly ProviderName[]): SniffedType[] {
  return SNIFFED_TYPES.filter((type) => isMediaTypeAccepted(type, providers));
}

/** `type`: a sniffed content type (the client's label is never trusted). */
export function isMediaTypeAccepted(type: string, providers: readonly ProviderName[]): boolean {
  return providers.every((provider) => PROVIDER_MEDIA_TYPES[provider].has(type));
}

/** The answer of GET /capture-options for a backend configured with `providers`. */
export function captureOptions(providers: readonly ProviderName[]): CaptureOptions {
  const accepted = new Set<string>(acceptedMediaTypes(providers));
  return {
    clipTypes: CLIP_TYPES.filter((type): type is ClipType => accepted.has(type)),
    shotset: accepted.has('application/zip'),
  };
}
