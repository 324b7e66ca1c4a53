import type { Messages } from '../en.js';

/**
 * Italian with the informal "tu" imperatives Italian apps and banks use for onboarding ("Posiziona", "Avvicinati"),
 * and no gendered adjectives about the person ("non muoverti" rather than "stai fermo/a").
 */
const messages: Messages = {
  'hint.no-face': 'Posiziona il viso all’interno dell’ovale',
  'hint.multiple-faces': 'Assicurati di essere l’unica persona inquadrata',
  'hint.low-confidence': 'Assicurati che il viso sia interamente visibile',
  'hint.too-far': 'Avvicinati',
  'hint.too-close': 'Allontanati un po’',
  'hint.off-center': 'Centra il viso nell’ovale',
  'hint.turned': 'Guarda dritto nella fotocamera',
  'hint.tilted': 'Tieni la testa dritta',
  'hint.too-dark': 'Cerca un punto più illuminato',
  'hint.too-bright': 'Troppa luce: allontanati dalla luce diretta',
  'hint.backlit': 'Hai la luce alle spalle: mettiti di fronte alla luce',
  'hint.blurry': 'Non muoverti, l’immagine è sfocata',
  'hint.moving': 'Non muoverti',
  'hint.ok': 'Perfetto, non muoverti',
  'intro.title': 'Scatta un selfie veloce',
  'intro.body':
    'Useremo la fotocamera per verificare che tu sia presente. Non viene registrato nulla finché il tuo viso non è all’interno dell’ovale.',
  'intro.start': 'Avvia la fotocamera',
  'status.starting': 'Apertura della fotocamera…',
  'status.loading': 'Preparazione della guida per il viso…',
  'status.capturing': 'Acquisizione in corso…',
  'status.uploading': 'Invio sicuro in corso…',
  'status.processing': 'Verifica in corso…',
  'status.done': 'Grazie, hai finito',
  'status.paused': 'In pausa mentre la pagina è nascosta',
  'progress.label': 'Avanzamento dell’acquisizione',
  'manual.capture': 'Scatta la foto',
  'manual.hint': 'L’acquisizione automatica sta richiedendo un po’ di tempo. Puoi scattare la foto manualmente.',
  'action.retry': 'Riprova',
  'camera.label': 'Fotocamera',
  'camera.option': 'Fotocamera {number}',
  'video.label': 'Anteprima della fotocamera',
  'error.title': 'Si è verificato un problema',
  'error.camera-denied':
    'L’accesso alla fotocamera è stato bloccato. Consenti l’uso della fotocamera nelle impostazioni del browser, poi riprova.',
  'error.camera-not-found': 'Nessuna fotocamera trovata. Collega una fotocamera e riprova.',
  'error.camera-in-use': 'La fotocamera è usata da un’altra applicazione. Chiudila e riprova.',
  'error.camera-ended': 'La fotocamera si è interrotta. Riprova.',
  'error.unsupported-browser': 'Questo browser non può usare la fotocamera qui. Prova con un browser aggiornato.',
  'error.model-load-failed': 'Impossibile caricare la guida per il viso.',
  'error.capture-failed': 'Impossibile scattare la foto. Riprova.',
  'error.token-missing': 'Questa pagina non è configurata per una verifica (token mancante).',
  'error.token-expired': 'Questa verifica è scaduta. Ricarica la pagina per ricominciare.',
  'error.token-rejected': 'Questa verifica non è più valida. Ricarica la pagina per ricominciare.',
  'error.upload-failed': 'Impossibile inviare la foto. Riprova.',
  'error.upload-rejected': 'La foto non è stata accettata. Riprova.',
  'error.check-failed': 'Impossibile completare la verifica. Riprova.',
  'error.network': 'Connessione non riuscita. Controlla la rete e riprova.',
};

export default messages;
