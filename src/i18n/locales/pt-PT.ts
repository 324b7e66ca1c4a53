import type { Messages } from '../en.js';

/**
 * European Portuguese (pt-PT, also served for pt-AO, pt-MZ and the other Portuguese-speaking countries but
 * Brazil): the neutral third person ("coloque", "o seu rosto") that Portuguese banks and public services use, and
 * European usage ("câmara", "ecrã", "definições"). No gendered adjectives about the person ("não se mexa").
 */
const messages: Messages = {
  'hint.no-face': 'Coloque o rosto dentro da oval',
  'hint.multiple-faces': 'Certifique-se de que só aparece o seu rosto',
  'hint.low-confidence': 'Certifique-se de que o rosto está totalmente visível',
  'hint.too-far': 'Aproxime-se',
  'hint.too-close': 'Afaste-se um pouco',
  'hint.off-center': 'Centre o rosto na oval',
  'hint.turned': 'Olhe diretamente para a câmara',
  'hint.tilted': 'Mantenha a cabeça direita',
  'hint.too-dark': 'Procure um local com mais luz',
  'hint.too-bright': 'Demasiada luz: afaste-se da luz direta',
  'hint.backlit': 'A luz está atrás de si: vire-se para a luz',
  'hint.blurry': 'Não se mexa, a imagem está desfocada',
  'hint.moving': 'Não se mexa',
  'hint.eyes-covered': 'Destape os olhos e tire os óculos de sol',
  'hint.eyes-closed': 'Mantenha os olhos abertos',
  'hint.mouth-covered': 'Destape a boca e o nariz',
  'hint.ok': 'Muito bem, não se mexa',
  'intro.title': 'Tire uma selfie rápida',
  'intro.body':
    'Vamos utilizar a câmara para confirmar que está presente. Nada é gravado até o seu rosto estar dentro da oval.',
  'intro.start': 'Ligar a câmara',
  'status.starting': 'A abrir a câmara…',
  'status.loading': 'A preparar a orientação do rosto…',
  'status.capturing': 'A captar…',
  'status.uploading': 'A enviar em segurança…',
  'status.processing': 'A verificar…',
  'status.done': 'Obrigado, está concluído',
  'status.paused': 'Em pausa enquanto a página estiver oculta',
  'progress.label': 'Progresso da captação',
  'manual.capture': 'Tirar fotografia',
  'manual.hint': 'A captação automática está a demorar. Pode tirar a fotografia manualmente.',
  'action.retry': 'Tentar novamente',
  'camera.label': 'Câmara',
  'camera.option': 'Câmara {number}',
  'video.label': 'Pré-visualização da câmara',
  'error.title': 'Ocorreu um erro',
  'error.camera-denied':
    'O acesso à câmara foi bloqueado. Permita a câmara nas definições do navegador e tente novamente.',
  'error.camera-not-found': 'Não foi encontrada nenhuma câmara. Ligue uma câmara e tente novamente.',
  'error.camera-in-use': 'A câmara está a ser utilizada por outra aplicação. Feche-a e tente novamente.',
  'error.camera-ended': 'A câmara parou. Tente novamente.',
  'error.unsupported-browser':
    'Este navegador não consegue utilizar a câmara aqui. Experimente um navegador atualizado.',
  'error.model-load-failed': 'Não foi possível carregar a orientação do rosto.',
  'error.capture-failed': 'Não foi possível tirar a fotografia. Tente novamente.',
  'error.token-missing': 'Esta página não está configurada para uma verificação (falta o token).',
  'error.token-expired': 'Esta verificação expirou. Recarregue a página para começar de novo.',
  'error.token-rejected': 'Esta verificação já não é válida. Recarregue a página para começar de novo.',
  'error.upload-failed': 'Não foi possível enviar a fotografia. Tente novamente.',
  'error.upload-rejected': 'A fotografia não foi aceite. Tente novamente.',
  'error.check-failed': 'Não foi possível concluir a verificação. Tente novamente.',
  'error.network': 'A ligação falhou. Verifique a sua rede e tente novamente.',
};

export default messages;
