import type { Messages } from '../en.js';

/**
 * Dutch with "je", as Dutch and Flemish banks and onboarding apps address their users today; short imperatives.
 */
const messages: Messages = {
  'hint.no-face': 'Plaats je gezicht in het ovaal',
  'hint.multiple-faces': 'Zorg dat alleen jij in beeld bent',
  'hint.low-confidence': 'Zorg dat je hele gezicht zichtbaar is',
  'hint.too-far': 'Kom dichterbij',
  'hint.too-close': 'Ga iets verder weg',
  'hint.off-center': 'Plaats je gezicht in het midden van het ovaal',
  'hint.turned': 'Kijk recht in de camera',
  'hint.tilted': 'Houd je hoofd recht',
  'hint.too-dark': 'Zoek een plek met meer licht',
  'hint.too-bright': 'Te fel: ga uit het directe licht',
  'hint.backlit': 'Het licht komt van achteren: draai je naar het licht',
  'hint.blurry': 'Beweeg niet, het beeld is onscherp',
  'hint.moving': 'Beweeg niet',
  'hint.ok': 'Goed zo, beweeg niet',
  'intro.title': 'Maak snel een selfie',
  'intro.body':
    'We gebruiken je camera om te controleren of je er echt bent. Er wordt niets opgenomen totdat je gezicht in het ovaal is.',
  'intro.start': 'Camera starten',
  'status.starting': 'Camera wordt geopend…',
  'status.loading': 'Gezichtshulp wordt voorbereid…',
  'status.capturing': 'Bezig met vastleggen…',
  'status.uploading': 'Veilig verzenden…',
  'status.processing': 'Bezig met controleren…',
  'status.done': 'Bedankt, je bent klaar',
  'status.paused': 'Gepauzeerd zolang de pagina verborgen is',
  'progress.label': 'Voortgang van de opname',
  'manual.capture': 'Foto maken',
  'manual.hint': 'Het automatisch vastleggen duurt even. Je kunt de foto ook zelf maken.',
  'action.retry': 'Opnieuw proberen',
  'camera.label': 'Camera',
  'camera.option': 'Camera {number}',
  'video.label': 'Cameravoorbeeld',
  'error.title': 'Er is iets misgegaan',
  'error.camera-denied':
    'Toegang tot de camera is geblokkeerd. Sta de camera toe in de instellingen van je browser en probeer het opnieuw.',
  'error.camera-not-found': 'Er is geen camera gevonden. Sluit een camera aan en probeer het opnieuw.',
  'error.camera-in-use': 'Je camera wordt gebruikt door een andere app. Sluit die app en probeer het opnieuw.',
  'error.camera-ended': 'De camera is gestopt. Probeer het opnieuw.',
  'error.unsupported-browser': 'Deze browser kan de camera hier niet gebruiken. Probeer een recente browser.',
  'error.model-load-failed': 'De gezichtshulp kon niet worden geladen.',
  'error.capture-failed': 'De foto kon niet worden gemaakt. Probeer het opnieuw.',
  'error.token-missing': 'Deze pagina is niet ingesteld voor een controle (token ontbreekt).',
  'error.token-expired': 'Deze controle is verlopen. Laad de pagina opnieuw om opnieuw te beginnen.',
  'error.token-rejected': 'Deze controle is niet meer geldig. Laad de pagina opnieuw om opnieuw te beginnen.',
  'error.upload-failed': 'De foto kon niet worden verzonden. Probeer het opnieuw.',
  'error.upload-rejected': 'De foto is niet geaccepteerd. Probeer het opnieuw.',
  'error.check-failed': 'De controle kon niet worden voltooid. Probeer het opnieuw.',
  'error.network': 'De verbinding is mislukt. Controleer je netwerk en probeer het opnieuw.',
};

export default messages;
