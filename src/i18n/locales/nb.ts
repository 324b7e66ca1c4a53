import type { Messages } from '../en.js';

/**
 * Norwegian Bokmål with "du", as Norwegian services address their users; also served for `no` and `nn`.
 */
const messages: Messages = {
  'hint.no-face': 'Plasser ansiktet innenfor ovalen',
  'hint.multiple-faces': 'Sørg for at bare du er i bildet',
  'hint.low-confidence': 'Sørg for at hele ansiktet er synlig',
  'hint.too-far': 'Kom nærmere',
  'hint.too-close': 'Flytt deg litt bakover',
  'hint.off-center': 'Plasser ansiktet midt i ovalen',
  'hint.turned': 'Se rett inn i kameraet',
  'hint.tilted': 'Hold hodet rett',
  'hint.too-dark': 'Finn et sted med mer lys',
  'hint.too-bright': 'For lyst: flytt deg bort fra direkte lys',
  'hint.backlit': 'Lyset er bak deg: snu ansiktet mot lyset',
  'hint.blurry': 'Hold stille, bildet er uskarpt',
  'hint.moving': 'Hold stille',
  'hint.ok': 'Bra, hold stille',
  'intro.title': 'Ta en rask selfie',
  'intro.body':
    'Vi bruker kameraet for å kontrollere at du er til stede. Ingenting tas opp før ansiktet ditt er innenfor ovalen.',
  'intro.start': 'Start kameraet',
  'status.starting': 'Åpner kameraet…',
  'status.loading': 'Gjør klar ansiktsveiledningen…',
  'status.capturing': 'Tar bilde…',
  'status.uploading': 'Sender sikkert…',
  'status.processing': 'Kontrollerer…',
  'status.done': 'Takk, du er ferdig',
  'status.paused': 'Satt på pause mens siden er skjult',
  'progress.label': 'Fremdrift for bildetakingen',
  'manual.capture': 'Ta bilde',
  'manual.hint': 'Den automatiske bildetakingen tar litt tid. Du kan ta bildet selv.',
  'action.retry': 'Prøv igjen',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Forhåndsvisning fra kameraet',
  'error.title': 'Noe gikk galt',
  'error.camera-denied':
    'Tilgang til kameraet ble blokkert. Tillat kameraet i nettleserinnstillingene, og prøv deretter igjen.',
  'error.camera-not-found': 'Fant ikke noe kamera. Koble til et kamera og prøv igjen.',
  'error.camera-in-use': 'Kameraet brukes av en annen app. Lukk den og prøv igjen.',
  'error.camera-ended': 'Kameraet stoppet. Prøv igjen.',
  'error.unsupported-browser': 'Denne nettleseren kan ikke bruke kameraet her. Prøv en oppdatert nettleser.',
  'error.model-load-failed': 'Ansiktsveiledningen kunne ikke lastes inn.',
  'error.capture-failed': 'Bildet kunne ikke tas. Prøv igjen.',
  'error.token-missing': 'Denne siden er ikke satt opp for en kontroll (token mangler).',
  'error.token-expired': 'Denne kontrollen er utløpt. Last inn siden på nytt for å begynne på nytt.',
  'error.token-rejected': 'Denne kontrollen er ikke lenger gyldig. Last inn siden på nytt for å begynne på nytt.',
  'error.upload-failed': 'Bildet kunne ikke sendes. Prøv igjen.',
  'error.upload-rejected': 'Bildet ble ikke godkjent. Prøv igjen.',
  'error.check-failed': 'Kontrollen kunne ikke fullføres. Prøv igjen.',
  'error.network': 'Tilkoblingen mislyktes. Sjekk nettverket og prøv igjen.',
};

export default messages;
