import type { Messages } from '../en.js';

/**
 * Romanian with the polite plural ("Așezați", "Apropiați-vă"), as Romanian banks and apps use, comma-below
 * letters (ș, ț) rather than the cedilla look-alikes, and no gendered adjectives about the person.
 */
const messages: Messages = {
  'hint.no-face': 'Așezați-vă fața în interiorul ovalului',
  'hint.multiple-faces': 'Asigurați-vă că doar dumneavoastră sunteți în cadru',
  'hint.low-confidence': 'Asigurați-vă că fața se vede în întregime',
  'hint.too-far': 'Apropiați-vă',
  'hint.too-close': 'Depărtați-vă puțin',
  'hint.off-center': 'Centrați-vă fața în oval',
  'hint.turned': 'Priviți direct spre cameră',
  'hint.tilted': 'Țineți capul drept',
  'hint.too-dark': 'Căutați un loc mai luminos',
  'hint.too-bright': 'Prea multă lumină: feriți-vă de lumina directă',
  'hint.backlit': 'Lumina este în spatele dumneavoastră: întoarceți-vă cu fața spre lumină',
  'hint.blurry': 'Nu vă mișcați, imaginea este neclară',
  'hint.moving': 'Nu vă mișcați',
  'hint.eyes-covered': 'Descoperiți-vă ochii și scoateți ochelarii de soare',
  'hint.eyes-closed': 'Țineți ochii deschiși',
  'hint.mouth-covered': 'Descoperiți-vă gura și nasul',
  'hint.ok': 'Foarte bine, nu vă mișcați',
  'intro.title': 'Faceți un selfie rapid',
  'intro.body':
    'Vom folosi camera pentru a confirma prezența dumneavoastră. Nu se înregistrează nimic până când fața nu este în interiorul ovalului.',
  'intro.start': 'Porniți camera',
  'status.starting': 'Se deschide camera…',
  'status.loading': 'Se pregătește ghidajul pentru față…',
  'status.capturing': 'Se captează…',
  'status.uploading': 'Se trimite în siguranță…',
  'status.processing': 'Se verifică…',
  'status.done': 'Vă mulțumim, ați terminat',
  'status.paused': 'Întrerupt cât timp pagina este ascunsă',
  'progress.label': 'Progresul capturii',
  'manual.capture': 'Faceți fotografia',
  'manual.hint': 'Captura automată durează mai mult. Puteți face fotografia manual.',
  'action.retry': 'Încercați din nou',
  'camera.label': 'Cameră',
  'camera.option': 'Camera {number}',
  'video.label': 'Previzualizarea camerei',
  'error.title': 'A apărut o problemă',
  'error.camera-denied':
    'Accesul la cameră a fost blocat. Permiteți camera din setările browserului, apoi încercați din nou.',
  'error.camera-not-found': 'Nu a fost găsită nicio cameră. Conectați o cameră și încercați din nou.',
  'error.camera-in-use': 'Camera este folosită de o altă aplicație. Închideți-o și încercați din nou.',
  'error.camera-ended': 'Camera s-a oprit. Încercați din nou.',
  'error.unsupported-browser': 'Acest browser nu poate folosi camera aici. Încercați un browser actualizat.',
  'error.model-load-failed': 'Ghidajul pentru față nu a putut fi încărcat.',
  'error.capture-failed': 'Fotografia nu a putut fi făcută. Încercați din nou.',
  'error.token-missing': 'Această pagină nu este configurată pentru o verificare (lipsește tokenul).',
  'error.token-expired': 'Această verificare a expirat. Reîncărcați pagina pentru a începe din nou.',
  'error.token-rejected': 'Această verificare nu mai este valabilă. Reîncărcați pagina pentru a începe din nou.',
  'error.upload-failed': 'Fotografia nu a putut fi trimisă. Încercați din nou.',
  'error.upload-rejected': 'Fotografia nu a fost acceptată. Încercați din nou.',
  'error.check-failed': 'Verificarea nu a putut fi finalizată. Încercați din nou.',
  'error.network': 'Conexiunea a eșuat. Verificați rețeaua și încercați din nou.',
};

export default messages;
