import type { Messages } from '../en.js';

/**
 * German with "Sie", as German onboarding and identity flows use. "Positionierungshilfe" names the on-device face
 * guidance throughout, so the loading status and its error read as the same thing.
 */
const messages: Messages = {
  'hint.no-face': 'Positionieren Sie Ihr Gesicht im Oval',
  'hint.multiple-faces': 'Achten Sie darauf, dass nur Sie im Bild sind',
  'hint.low-confidence': 'Achten Sie darauf, dass Ihr ganzes Gesicht zu sehen ist',
  'hint.too-far': 'Kommen Sie näher',
  'hint.too-close': 'Gehen Sie etwas zurück',
  'hint.off-center': 'Zentrieren Sie Ihr Gesicht im Oval',
  'hint.turned': 'Schauen Sie direkt in die Kamera',
  'hint.tilted': 'Halten Sie den Kopf gerade',
  'hint.too-dark': 'Suchen Sie einen helleren Ort',
  'hint.too-bright': 'Zu hell: Gehen Sie aus dem direkten Licht',
  'hint.backlit': 'Das Licht ist hinter Ihnen: Drehen Sie sich zum Licht',
  'hint.blurry': 'Bitte ruhig halten, das Bild ist unscharf',
  'hint.moving': 'Bitte still halten',
  'hint.eyes-covered': 'Bitte Augen freimachen und Sonnenbrille abnehmen',
  'hint.eyes-closed': 'Bitte die Augen offen halten',
  'hint.mouth-covered': 'Bitte Mund und Nase freimachen',
  'hint.ok': 'Sehr gut, bitte still halten',
  'intro.title': 'Machen Sie kurz ein Selfie',
  'intro.body':
    'Wir verwenden Ihre Kamera, um zu prüfen, dass Sie persönlich anwesend sind. Aufgenommen wird erst, wenn Ihr Gesicht im Oval ist.',
  'intro.start': 'Kamera starten',
  'status.starting': 'Kamera wird geöffnet…',
  'status.loading': 'Positionierungshilfe wird vorbereitet…',
  'status.capturing': 'Aufnahme läuft…',
  'status.uploading': 'Wird sicher übertragen…',
  'status.processing': 'Wird geprüft…',
  'status.done': 'Vielen Dank, alles erledigt',
  'status.paused': 'Pausiert, solange die Seite im Hintergrund ist',
  'progress.label': 'Aufnahmefortschritt',
  'manual.capture': 'Foto aufnehmen',
  'manual.hint': 'Die automatische Aufnahme dauert etwas länger. Sie können das Foto auch selbst aufnehmen.',
  'action.retry': 'Erneut versuchen',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Kameravorschau',
  'error.title': 'Etwas ist schiefgelaufen',
  'error.camera-denied':
    'Der Kamerazugriff wurde blockiert. Erlauben Sie die Kamera in Ihren Browsereinstellungen und versuchen Sie es dann erneut.',
  'error.camera-not-found': 'Es wurde keine Kamera gefunden. Schließen Sie eine Kamera an und versuchen Sie es erneut.',
  'error.camera-in-use':
    'Ihre Kamera wird von einer anderen Anwendung verwendet. Schließen Sie diese und versuchen Sie es erneut.',
  'error.camera-ended': 'Die Kamera wurde unterbrochen. Versuchen Sie es erneut.',
  'error.unsupported-browser':
    'Dieser Browser kann die Kamera hier nicht verwenden. Versuchen Sie es mit einem aktuellen Browser.',
  'error.model-load-failed': 'Die Positionierungshilfe konnte nicht geladen werden.',
  'error.capture-failed': 'Das Foto konnte nicht aufgenommen werden. Versuchen Sie es erneut.',
  'error.token-missing': 'Diese Seite ist nicht für eine Prüfung eingerichtet (Token fehlt).',
  'error.token-expired': 'Diese Prüfung ist abgelaufen. Laden Sie die Seite neu, um von vorn zu beginnen.',
  'error.token-rejected': 'Diese Prüfung ist nicht mehr gültig. Laden Sie die Seite neu, um von vorn zu beginnen.',
  'error.upload-failed': 'Das Foto konnte nicht gesendet werden. Versuchen Sie es erneut.',
  'error.upload-rejected': 'Das Foto wurde nicht akzeptiert. Versuchen Sie es erneut.',
  'error.check-failed': 'Die Prüfung konnte nicht abgeschlossen werden. Versuchen Sie es erneut.',
  'error.network': 'Die Verbindung ist fehlgeschlagen. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
};

export default messages;
