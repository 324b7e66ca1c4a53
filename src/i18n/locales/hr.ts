import type { Messages } from '../en.js';

/**
 * Croatian with the polite "Vi" imperatives ("Postavite", "Približite se"), and no past-tense forms about the
 * person, which would need a gender.
 */
const messages: Messages = {
  'hint.no-face': 'Postavite lice unutar ovala',
  'hint.multiple-faces': 'Provjerite da ste samo vi u kadru',
  'hint.low-confidence': 'Provjerite vidi li se cijelo lice',
  'hint.too-far': 'Približite se',
  'hint.too-close': 'Malo se odmaknite',
  'hint.off-center': 'Postavite lice u sredinu ovala',
  'hint.turned': 'Gledajte ravno u kameru',
  'hint.tilted': 'Držite glavu uspravno',
  'hint.too-dark': 'Pronađite svjetlije mjesto',
  'hint.too-bright': 'Presvijetlo je: maknite se od izravnog svjetla',
  'hint.backlit': 'Svjetlo vam je iza leđa: okrenite se licem prema svjetlu',
  'hint.blurry': 'Ne mičite se, slika je mutna',
  'hint.moving': 'Ne mičite se',
  'hint.ok': 'Odlično, ne mičite se',
  'intro.title': 'Snimite brzi selfie',
  'intro.body': 'Kamerom ćemo potvrditi vašu prisutnost. Ništa se ne snima dok vam lice ne bude unutar ovala.',
  'intro.start': 'Uključi kameru',
  'status.starting': 'Otvaranje kamere…',
  'status.loading': 'Priprema vodiča za lice…',
  'status.capturing': 'Snimanje…',
  'status.uploading': 'Sigurno slanje…',
  'status.processing': 'Provjera…',
  'status.done': 'Hvala, gotovo je',
  'status.paused': 'Pauzirano dok je stranica skrivena',
  'progress.label': 'Napredak snimanja',
  'manual.capture': 'Snimi fotografiju',
  'manual.hint': 'Automatsko snimanje traje dulje. Fotografiju možete snimiti i sami.',
  'action.retry': 'Pokušaj ponovno',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Pregled kamere',
  'error.title': 'Nešto nije u redu',
  'error.camera-denied':
    'Pristup kameri je blokiran. Dopustite kameru u postavkama preglednika, a zatim pokušajte ponovno.',
  'error.camera-not-found': 'Kamera nije pronađena. Priključite kameru i pokušajte ponovno.',
  'error.camera-in-use': 'Kameru koristi druga aplikacija. Zatvorite je i pokušajte ponovno.',
  'error.camera-ended': 'Kamera se zaustavila. Pokušajte ponovno.',
  'error.unsupported-browser': 'Ovaj preglednik ovdje ne može koristiti kameru. Pokušajte s ažurnim preglednikom.',
  'error.model-load-failed': 'Vodič za lice nije se mogao učitati.',
  'error.capture-failed': 'Fotografija nije snimljena. Pokušajte ponovno.',
  'error.token-missing': 'Ova stranica nije postavljena za provjeru (nedostaje token).',
  'error.token-expired': 'Ova je provjera istekla. Ponovno učitajte stranicu da biste počeli ispočetka.',
  'error.token-rejected': 'Ova provjera više nije valjana. Ponovno učitajte stranicu da biste počeli ispočetka.',
  'error.upload-failed': 'Fotografija nije poslana. Pokušajte ponovno.',
  'error.upload-rejected': 'Fotografija nije prihvaćena. Pokušajte ponovno.',
  'error.check-failed': 'Provjera nije dovršena. Pokušajte ponovno.',
  'error.network': 'Veza nije uspjela. Provjerite mrežu i pokušajte ponovno.',
};

export default messages;
