import type { Messages } from '../en.js';

/**
 * Catalan with "tu" imperatives, as Catalan apps and public services address their users, the geminated l
 * written "l·l", and no gendered adjectives about the person ("no et moguis"). "oval" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Col·loca la cara dins de l’oval',
  'hint.multiple-faces': 'Assegura’t que només hi surts tu',
  'hint.low-confidence': 'Assegura’t que es veu tota la cara',
  'hint.too-far': 'Apropa’t',
  'hint.too-close': 'Allunya’t una mica',
  'hint.off-center': 'Centra la cara a l’oval',
  'hint.turned': 'Mira directament a la càmera',
  'hint.tilted': 'Mantén el cap recte',
  'hint.too-dark': 'Busca un lloc amb més llum',
  'hint.too-bright': 'Hi ha massa llum: aparta’t de la llum directa',
  'hint.backlit': 'Tens la llum darrere: gira’t cap a la llum',
  'hint.blurry': 'No et moguis, la imatge surt borrosa',
  'hint.moving': 'No et moguis',
  'hint.eyes-covered': 'Destapa’t els ulls i treu-te les ulleres de sol',
  'hint.eyes-closed': 'Mantén els ulls oberts',
  'hint.mouth-covered': 'Destapa’t la boca i el nas',
  'hint.ok': 'Molt bé, no et moguis',
  'intro.title': 'Fes-te una selfie ràpida',
  'intro.body':
    'Farem servir la càmera per comprovar que hi ets. No es grava res fins que la cara no és dins de l’oval.',
  'intro.start': 'Activa la càmera',
  'status.starting': 'S’està obrint la càmera…',
  'status.loading': 'S’està preparant la guia per a la cara…',
  'status.capturing': 'S’està capturant…',
  'status.uploading': 'S’està enviant de manera segura…',
  'status.processing': 'S’està comprovant…',
  'status.done': 'Gràcies, ja has acabat',
  'status.paused': 'En pausa mentre la pàgina està amagada',
  'progress.label': 'Progrés de la captura',
  'manual.capture': 'Fes la foto',
  'manual.hint': 'La captura automàtica està trigant. Pots fer la foto manualment.',
  'action.retry': 'Torna-ho a provar',
  'camera.label': 'Càmera',
  'camera.option': 'Càmera {number}',
  'video.label': 'Previsualització de la càmera',
  'error.title': 'Alguna cosa no ha anat bé',
  'error.camera-denied':
    'S’ha bloquejat l’accés a la càmera. Permet la càmera a la configuració del navegador i torna-ho a provar.',
  'error.camera-not-found': 'No s’ha trobat cap càmera. Connecta una càmera i torna-ho a provar.',
  'error.camera-in-use': 'Una altra aplicació està fent servir la càmera. Tanca-la i torna-ho a provar.',
  'error.camera-ended': 'La càmera s’ha aturat. Torna-ho a provar.',
  'error.unsupported-browser': 'Aquest navegador no pot fer servir la càmera aquí. Prova un navegador actualitzat.',
  'error.model-load-failed': 'No s’ha pogut carregar la guia per a la cara.',
  'error.capture-failed': 'No s’ha pogut fer la foto. Torna-ho a provar.',
  'error.token-missing': 'Aquesta pàgina no està configurada per a una verificació (falta el testimoni).',
  'error.token-expired': 'Aquesta verificació ha caducat. Torna a carregar la pàgina per començar de nou.',
  'error.token-rejected': 'Aquesta verificació ja no és vàlida. Torna a carregar la pàgina per començar de nou.',
  'error.upload-failed': 'No s’ha pogut enviar la foto. Torna-ho a provar.',
  'error.upload-rejected': 'No s’ha acceptat la foto. Torna-ho a provar.',
  'error.check-failed': 'No s’ha pogut completar la verificació. Torna-ho a provar.',
  'error.network': 'Ha fallat la connexió. Comprova la xarxa i torna-ho a provar.',
};

export default messages;
