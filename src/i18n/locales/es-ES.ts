import type { Messages } from '../en.js';

/**
 * Spanish of Spain (es-ES, also the Spanish for any region es-419 does not serve): "tú", as Spanish onboarding
 * and banking apps use, Spain's usage ("vuelve a intentarlo", "un selfi") and no gendered adjectives about the
 * person ("no te muevas" rather than "quédate quieto/a").
 */
const messages: Messages = {
  'hint.no-face': 'Coloca la cara dentro del óvalo',
  'hint.multiple-faces': 'Asegúrate de que solo aparezcas tú',
  'hint.low-confidence': 'Asegúrate de que se te vea toda la cara',
  'hint.too-far': 'Acércate',
  'hint.too-close': 'Aléjate un poco',
  'hint.off-center': 'Centra la cara en el óvalo',
  'hint.turned': 'Mira directamente a la cámara',
  'hint.tilted': 'Mantén la cabeza recta',
  'hint.too-dark': 'Busca un sitio con más luz',
  'hint.too-bright': 'Hay demasiada luz: apártate de la luz directa',
  'hint.backlit': 'Tienes la luz detrás: ponte de cara a la luz',
  'hint.blurry': 'No te muevas, la imagen sale borrosa',
  'hint.moving': 'No te muevas',
  'hint.eyes-covered': 'Descubre tus ojos y quítate las gafas de sol',
  'hint.eyes-closed': 'Mantén los ojos abiertos',
  'hint.mouth-covered': 'Descubre la boca y la nariz',
  'hint.ok': 'Muy bien, no te muevas',
  'intro.title': 'Hazte un selfi rápido',
  'intro.body':
    'Usaremos la cámara para comprobar que estás presente. No se graba nada hasta que tu cara esté dentro del óvalo.',
  'intro.start': 'Activar la cámara',
  'status.starting': 'Abriendo la cámara…',
  'status.loading': 'Preparando la guía de encuadre…',
  'status.capturing': 'Capturando…',
  'status.uploading': 'Enviando de forma segura…',
  'status.processing': 'Comprobando…',
  'status.done': 'Gracias, ya has terminado',
  'status.paused': 'En pausa mientras la página está oculta',
  'progress.label': 'Progreso de la captura',
  'manual.capture': 'Hacer la foto',
  'manual.hint': 'La captura automática está tardando. Puedes hacer la foto manualmente.',
  'action.retry': 'Reintentar',
  'camera.label': 'Cámara',
  'camera.option': 'Cámara {number}',
  'video.label': 'Vista previa de la cámara',
  'error.title': 'Ha habido un problema',
  'error.camera-denied':
    'Se ha bloqueado el acceso a la cámara. Permite la cámara en los ajustes del navegador y vuelve a intentarlo.',
  'error.camera-not-found': 'No se ha encontrado ninguna cámara. Conecta una cámara y vuelve a intentarlo.',
  'error.camera-in-use': 'Otra aplicación está usando la cámara. Ciérrala y vuelve a intentarlo.',
  'error.camera-ended': 'La cámara se ha detenido. Vuelve a intentarlo.',
  'error.unsupported-browser': 'Este navegador no puede usar la cámara aquí. Prueba con un navegador actualizado.',
  'error.model-load-failed': 'No se ha podido cargar la guía de encuadre.',
  'error.capture-failed': 'No se ha podido hacer la foto. Vuelve a intentarlo.',
  'error.token-missing': 'Esta página no está configurada para una verificación (falta el token).',
  'error.token-expired': 'Esta verificación ha caducado. Vuelve a cargar la página para empezar de nuevo.',
  'error.token-rejected': 'Esta verificación ya no es válida. Vuelve a cargar la página para empezar de nuevo.',
  'error.upload-failed': 'No se ha podido enviar la foto. Vuelve a intentarlo.',
  'error.upload-rejected': 'No se ha aceptado la foto. Vuelve a intentarlo.',
  'error.check-failed': 'No se ha podido completar la verificación. Vuelve a intentarlo.',
  'error.network': 'Ha fallado la conexión. Comprueba tu red y vuelve a intentarlo.',
};

export default messages;
