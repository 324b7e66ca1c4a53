import type { Messages } from '../en.js';

/**
 * Slovenian with the polite "vi" imperatives ("Postavite", "Približajte se"), and no past-tense forms about the
 * person, which would need a gender.
 */
const messages: Messages = {
  'hint.no-face': 'Postavite obraz v oval',
  'hint.multiple-faces': 'Prepričajte se, da ste v kadru samo vi',
  'hint.low-confidence': 'Prepričajte se, da je viden ves obraz',
  'hint.too-far': 'Približajte se',
  'hint.too-close': 'Malo se odmaknite',
  'hint.off-center': 'Postavite obraz na sredino ovala',
  'hint.turned': 'Glejte naravnost v kamero',
  'hint.tilted': 'Držite glavo vzravnano',
  'hint.too-dark': 'Poiščite svetlejše mesto',
  'hint.too-bright': 'Presvetlo je: umaknite se neposredni svetlobi',
  'hint.backlit': 'Svetloba je za vami: obrnite se proti svetlobi',
  'hint.blurry': 'Ne premikajte se, slika je zamegljena',
  'hint.moving': 'Ne premikajte se',
  'hint.ok': 'Odlično, ne premikajte se',
  'intro.title': 'Posnemite hiter selfi',
  'intro.body':
    'S kamero bomo preverili, ali ste prisotni. Nič se ne snema, dokler vaš obraz ni v ovalu.',
  'intro.start': 'Vklopi kamero',
  'status.starting': 'Odpiranje kamere…',
  'status.loading': 'Pripravljanje vodenja za obraz…',
  'status.capturing': 'Zajemanje…',
  'status.uploading': 'Varno pošiljanje…',
  'status.processing': 'Preverjanje…',
  'status.done': 'Hvala, končano',
  'status.paused': 'Zaustavljeno, dokler je stran skrita',
  'progress.label': 'Potek zajemanja',
  'manual.capture': 'Posnemi fotografijo',
  'manual.hint': 'Samodejno zajemanje traja dlje. Fotografijo lahko posnamete sami.',
  'action.retry': 'Poskusi znova',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Predogled kamere',
  'error.title': 'Prišlo je do napake',
  'error.camera-denied':
    'Dostop do kamere je blokiran. Dovolite kamero v nastavitvah brskalnika in poskusite znova.',
  'error.camera-not-found': 'Kamere ni mogoče najti. Priključite kamero in poskusite znova.',
  'error.camera-in-use': 'Kamero uporablja drug program. Zaprite ga in poskusite znova.',
  'error.camera-ended': 'Kamera se je ustavila. Poskusite znova.',
  'error.unsupported-browser': 'Ta brskalnik tukaj ne more uporabiti kamere. Poskusite s posodobljenim brskalnikom.',
  'error.model-load-failed': 'Vodenja za obraz ni bilo mogoče naložiti.',
  'error.capture-failed': 'Fotografije ni bilo mogoče posneti. Poskusite znova.',
  'error.token-missing': 'Ta stran ni nastavljena za preverjanje (manjka žeton).',
  'error.token-expired': 'To preverjanje je poteklo. Znova naložite stran in začnite od začetka.',
  'error.token-rejected': 'To preverjanje ni več veljavno. Znova naložite stran in začnite od začetka.',
  'error.upload-failed': 'Fotografije ni bilo mogoče poslati. Poskusite znova.',
  'error.upload-rejected': 'Fotografija ni bila sprejeta. Poskusite znova.',
  'error.check-failed': 'Preverjanja ni bilo mogoče dokončati. Poskusite znova.',
  'error.network': 'Povezava ni uspela. Preverite omrežje in poskusite znova.',
};

export default messages;
