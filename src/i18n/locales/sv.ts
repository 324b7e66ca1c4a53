import type { Messages } from '../en.js';

/**
 * Swedish with "du", as every Swedish service addresses its users, and short imperatives.
 */
const messages: Messages = {
  'hint.no-face': 'Placera ansiktet i ovalen',
  'hint.multiple-faces': 'Se till att bara du syns i bild',
  'hint.low-confidence': 'Se till att hela ansiktet syns',
  'hint.too-far': 'Kom närmare',
  'hint.too-close': 'Flytta dig lite bakåt',
  'hint.off-center': 'Placera ansiktet mitt i ovalen',
  'hint.turned': 'Titta rakt in i kameran',
  'hint.tilted': 'Håll huvudet rakt',
  'hint.too-dark': 'Sök dig till mer ljus',
  'hint.too-bright': 'För ljust: flytta dig från det direkta ljuset',
  'hint.backlit': 'Ljuset är bakom dig: vänd dig mot ljuset',
  'hint.blurry': 'Håll still, bilden är suddig',
  'hint.moving': 'Håll still',
  'hint.ok': 'Bra, håll still',
  'intro.title': 'Ta en snabb selfie',
  'intro.body':
    'Vi använder kameran för att kontrollera att du är på plats. Inget spelas in förrän ditt ansikte är i ovalen.',
  'intro.start': 'Starta kameran',
  'status.starting': 'Kameran startas…',
  'status.loading': 'Ansiktsguiden förbereds…',
  'status.capturing': 'Tar bild…',
  'status.uploading': 'Skickar säkert…',
  'status.processing': 'Kontrollerar…',
  'status.done': 'Tack, nu är du klar',
  'status.paused': 'Pausad medan sidan är dold',
  'progress.label': 'Förlopp för bildtagningen',
  'manual.capture': 'Ta bild',
  'manual.hint': 'Den automatiska bildtagningen dröjer. Du kan ta bilden själv.',
  'action.retry': 'Försök igen',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Förhandsvisning från kameran',
  'error.title': 'Något gick fel',
  'error.camera-denied':
    'Åtkomst till kameran blockerades. Tillåt kameran i webbläsarens inställningar och försök sedan igen.',
  'error.camera-not-found': 'Ingen kamera hittades. Anslut en kamera och försök igen.',
  'error.camera-in-use': 'Kameran används av en annan app. Stäng den och försök igen.',
  'error.camera-ended': 'Kameran stoppades. Försök igen.',
  'error.unsupported-browser': 'Den här webbläsaren kan inte använda kameran här. Prova en uppdaterad webbläsare.',
  'error.model-load-failed': 'Ansiktsguiden kunde inte laddas.',
  'error.capture-failed': 'Bilden kunde inte tas. Försök igen.',
  'error.token-missing': 'Den här sidan är inte konfigurerad för en kontroll (token saknas).',
  'error.token-expired': 'Den här kontrollen har gått ut. Ladda om sidan för att börja om.',
  'error.token-rejected': 'Den här kontrollen är inte längre giltig. Ladda om sidan för att börja om.',
  'error.upload-failed': 'Bilden kunde inte skickas. Försök igen.',
  'error.upload-rejected': 'Bilden godkändes inte. Försök igen.',
  'error.check-failed': 'Kontrollen kunde inte slutföras. Försök igen.',
  'error.network': 'Anslutningen misslyckades. Kontrollera nätverket och försök igen.',
};

export default messages;
