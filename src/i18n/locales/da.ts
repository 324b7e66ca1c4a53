import type { Messages } from '../en.js';

/**
 * Danish with "du", as Danish services address their users, and short imperatives.
 */
const messages: Messages = {
  'hint.no-face': 'Placer dit ansigt inden for ovalen',
  'hint.multiple-faces': 'Sørg for, at kun du er i billedet',
  'hint.low-confidence': 'Sørg for, at hele dit ansigt er synligt',
  'hint.too-far': 'Kom tættere på',
  'hint.too-close': 'Ryk lidt tilbage',
  'hint.off-center': 'Placer dit ansigt midt i ovalen',
  'hint.turned': 'Kig direkte ind i kameraet',
  'hint.tilted': 'Hold hovedet lige',
  'hint.too-dark': 'Find et sted med mere lys',
  'hint.too-bright': 'For lyst: flyt dig væk fra direkte lys',
  'hint.backlit': 'Lyset er bag dig: vend ansigtet mod lyset',
  'hint.blurry': 'Hold stille, billedet er sløret',
  'hint.moving': 'Hold stille',
  'hint.ok': 'Godt, hold stille',
  'intro.title': 'Tag en hurtig selfie',
  'intro.body':
    'Vi bruger dit kamera til at kontrollere, at du er til stede. Der optages intet, før dit ansigt er inden for ovalen.',
  'intro.start': 'Start kameraet',
  'status.starting': 'Kameraet åbnes…',
  'status.loading': 'Ansigtsguiden gøres klar…',
  'status.capturing': 'Tager billede…',
  'status.uploading': 'Sender sikkert…',
  'status.processing': 'Kontrollerer…',
  'status.done': 'Tak, du er færdig',
  'status.paused': 'Sat på pause, mens siden er skjult',
  'progress.label': 'Status for billedoptagelsen',
  'manual.capture': 'Tag billede',
  'manual.hint': 'Den automatiske optagelse tager lidt tid. Du kan selv tage billedet.',
  'action.retry': 'Prøv igen',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Kameravisning',
  'error.title': 'Noget gik galt',
  'error.camera-denied':
    'Adgang til kameraet blev blokeret. Tillad kameraet i browserens indstillinger, og prøv derefter igen.',
  'error.camera-not-found': 'Der blev ikke fundet noget kamera. Tilslut et kamera, og prøv igen.',
  'error.camera-in-use': 'Dit kamera bruges af et andet program. Luk det, og prøv igen.',
  'error.camera-ended': 'Kameraet stoppede. Prøv igen.',
  'error.unsupported-browser': 'Denne browser kan ikke bruge kameraet her. Prøv en opdateret browser.',
  'error.model-load-failed': 'Ansigtsguiden kunne ikke indlæses.',
  'error.capture-failed': 'Billedet kunne ikke tages. Prøv igen.',
  'error.token-missing': 'Denne side er ikke sat op til en kontrol (token mangler).',
  'error.token-expired': 'Denne kontrol er udløbet. Genindlæs siden for at starte forfra.',
  'error.token-rejected': 'Denne kontrol er ikke længere gyldig. Genindlæs siden for at starte forfra.',
  'error.upload-failed': 'Billedet kunne ikke sendes. Prøv igen.',
  'error.upload-rejected': 'Billedet blev ikke godkendt. Prøv igen.',
  'error.check-failed': 'Kontrollen kunne ikke gennemføres. Prøv igen.',
  'error.network': 'Forbindelsen mislykkedes. Tjek dit netværk, og prøv igen.',
};

export default messages;
