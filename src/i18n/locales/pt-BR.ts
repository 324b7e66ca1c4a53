import type { Messages } from '../en.js';

/**
 * Brazilian Portuguese with "você", as Brazilian onboarding apps use; served for `pt` and `pt-BR` (pt-PT has the
 * European Portuguese of Portugal and Africa). Wording avoids gendered adjectives about the person ("não se mexa"
 * rather than "fique parado/a").
 */
const messages: Messages = {
  'hint.no-face': 'Posicione seu rosto dentro do oval',
  'hint.multiple-faces': 'Verifique se só você aparece na imagem',
  'hint.low-confidence': 'Deixe seu rosto inteiro visível',
  'hint.too-far': 'Chegue mais perto',
  'hint.too-close': 'Afaste-se um pouco',
  'hint.off-center': 'Centralize seu rosto no oval',
  'hint.turned': 'Olhe direto para a câmera',
  'hint.tilted': 'Mantenha a cabeça reta',
  'hint.too-dark': 'Procure um lugar mais iluminado',
  'hint.too-bright': 'Muita luz: afaste-se da luz direta',
  'hint.backlit': 'A luz está atrás de você: vire-se de frente para a luz',
  'hint.blurry': 'Não se mexa, a imagem está desfocada',
  'hint.moving': 'Não se mexa',
  'hint.eyes-covered': 'Descubra os olhos e tire os óculos de sol',
  'hint.eyes-closed': 'Mantenha os olhos abertos',
  'hint.mouth-covered': 'Descubra a boca e o nariz',
  'hint.ok': 'Ótimo, não se mexa',
  'intro.title': 'Tire uma selfie rápida',
  'intro.body':
    'Vamos usar sua câmera para confirmar que você está presente. Nada é gravado até que seu rosto esteja dentro do oval.',
  'intro.start': 'Ativar câmera',
  'status.starting': 'Abrindo a câmera…',
  'status.loading': 'Preparando o guia de enquadramento…',
  'status.capturing': 'Capturando…',
  'status.uploading': 'Enviando com segurança…',
  'status.processing': 'Verificando…',
  'status.done': 'Obrigado! Tudo pronto',
  'status.paused': 'Pausado enquanto a página está oculta',
  'progress.label': 'Progresso da captura',
  'manual.capture': 'Tirar foto',
  'manual.hint': 'A captura automática está demorando. Você pode tirar a foto manualmente.',
  'action.retry': 'Tentar novamente',
  'camera.label': 'Câmera',
  'camera.option': 'Câmera {number}',
  'video.label': 'Visualização da câmera',
  'error.title': 'Algo deu errado',
  'error.camera-denied':
    'O acesso à câmera foi bloqueado. Permita a câmera nas configurações do navegador e tente novamente.',
  'error.camera-not-found': 'Nenhuma câmera foi encontrada. Conecte uma câmera e tente novamente.',
  'error.camera-in-use': 'Sua câmera está sendo usada por outro aplicativo. Feche-o e tente novamente.',
  'error.camera-ended': 'A câmera parou. Tente novamente.',
  'error.unsupported-browser': 'Este navegador não consegue usar a câmera aqui. Use um navegador atualizado.',
  'error.model-load-failed': 'Não foi possível carregar o guia de enquadramento.',
  'error.capture-failed': 'Não foi possível tirar a foto. Tente novamente.',
  'error.token-missing': 'Esta página não está configurada para uma verificação (token ausente).',
  'error.token-expired': 'Esta verificação expirou. Recarregue a página para começar de novo.',
  'error.token-rejected': 'Esta verificação não é mais válida. Recarregue a página para começar de novo.',
  'error.upload-failed': 'Não foi possível enviar a foto. Tente novamente.',
  'error.upload-rejected': 'A foto não foi aceita. Tente novamente.',
  'error.check-failed': 'Não foi possível concluir a verificação. Tente novamente.',
  'error.network': 'Falha na conexão. Verifique sua internet e tente novamente.',
};

export default messages;
