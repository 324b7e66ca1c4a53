import type { Messages } from '../en.js';

/**
 * Latin American Spanish (es-419, also served for es-MX, es-AR, es-CO, es-US, …): informal "tú" as onboarding
 * apps in the region use, and wording that avoids gendered adjectives about the person ("no te muevas" rather than
 * "quédate quieto/a"). es-ES has the Spanish of Spain.
 */
const messages: Messages = {
  'hint.no-face': 'Coloca tu cara dentro del óvalo',
  'hint.multiple-faces': 'Asegúrate de que solo aparezcas tú',
  'hint.low-confidence': 'Asegúrate de que se vea toda tu cara',
  'hint.too-far': 'Acércate',
  'hint.too-close': 'Aléjate un poco',
  'hint.off-center': 'Centra tu cara en el óvalo',
  'hint.turned': 'Mira directamente a la cámara',
  'hint.tilted': 'Mantén la cabeza recta',
  'hint.too-dark': 'Busca un lugar con más luz',
  'hint.too-bright': 'Hay demasiada luz: aléjate de la luz directa',
  'hint.backlit': 'La luz está detrás de ti: ponte de frente a la luz',
  'hint.blurry': 'No te muevas, la imagen sale borrosa',
  'hint.moving': 'No te muevas',
  'hint.eyes-covered': 'Descubre tus ojos y quítate los lentes de sol',
  'hint.eyes-closed': 'Mantén los ojos abiertos',
  'hint.mouth-covered': 'Descubre tu boca y tu nariz',
  'hint.ok': '¡Muy bien! No te muevas',
  'intro.title': 'Tómate una selfie rápida',
  'intro.body':
    'Usaremos tu cámara para comprobar que estás presente. No se graba nada hasta que tu cara esté dentro del óvalo.',
  'intro.start': 'Activar la cámara',
  'status.starting': 'Abriendo la cámara…',
  'status.loading': 'Preparando la guía de encuadre…',
  'status.capturing': 'Capturando…',
  'status.uploading': 'Enviando de forma segura…',
  'status.processing': 'Verificando…',
  'status.done': '¡Gracias! Ya está todo listo',
  'status.paused': 'En pausa mientras la página está oculta',
  'progress.label': 'Progreso de la captura',
  'manual.capture': 'Tomar la foto',
  'manual.hint': 'La captura automática está tardando. Puedes tomar la foto manualmente.',
  'action.retry': 'Intentar de nuevo',
  'camera.label': 'Cámara',
  'camera.option': 'Cámara {number}',
  'video.label': 'Vista previa de la cámara',
  'error.title': 'Algo salió mal',
  'error.camera-denied':
    'Se bloqueó el acceso a la cámara. Permite la cámara en la configuración del navegador y vuelve a intentarlo.',
  'error.camera-not-found': 'No se encontró ninguna cámara. Conecta una cámara y vuelve a intentarlo.',
  'error.camera-in-use': 'Otra aplicación está usando tu cámara. Ciérrala y vuelve a intentarlo.',
  'error.camera-ended': 'La cámara se detuvo. Vuelve a intentarlo.',
  'error.unsupported-browser': 'Este navegador no puede usar la cámara aquí. Prueba con un navegador actualizado.',
  'error.model-load-failed': 'No se pudo cargar la guía de encuadre.',
  'error.capture-failed': 'No se pudo tomar la foto. Vuelve a intentarlo.',
  'error.token-missing': 'Esta página no está configurada para una verificación (falta el token).',
  'error.token-expired': 'Esta verificación ha expirado. Vuelve a cargar la página para empezar de nuevo.',
  'error.token-rejected': 'Esta verificación ya no es válida. Vuelve a cargar la página para empezar de nuevo.',
  'error.upload-failed': 'No se pudo enviar la foto. Vuelve a intentarlo.',
  'error.upload-rejected': 'La foto no fue aceptada. Vuelve a intentarlo.',
  'error.check-failed': 'No se pudo completar la verificación. Vuelve a intentarlo.',
  'error.network': 'Falló la conexión. Revisa tu red y vuelve a intentarlo.',
};

export default messages;
