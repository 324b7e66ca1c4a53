import type { Messages } from '../en.js';

/**
 * Estonian with the polite plural imperative ("Asetage", "Tulge lähemale") that Estonian banks and public
 * e-services use. "ovaal" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Asetage nägu ovaali sisse',
  'hint.multiple-faces': 'Veenduge, et pildil oleksite ainult teie',
  'hint.low-confidence': 'Veenduge, et kogu nägu oleks nähtav',
  'hint.too-far': 'Tulge lähemale',
  'hint.too-close': 'Minge veidi kaugemale',
  'hint.off-center': 'Asetage nägu ovaali keskele',
  'hint.turned': 'Vaadake otse kaamerasse',
  'hint.tilted': 'Hoidke pead otse',
  'hint.too-dark': 'Leidke valgem koht',
  'hint.too-bright': 'Liiga hele: liikuge otsesest valgusest eemale',
  'hint.backlit': 'Valgus on teie selja taga: pöörduge valguse poole',
  'hint.blurry': 'Püsige paigal, pilt on udune',
  'hint.moving': 'Püsige paigal',
  'hint.ok': 'Suurepärane, püsige paigal',
  'intro.title': 'Tehke kiire selfi',
  'intro.body':
    'Kasutame kaamerat, et kontrollida teie kohalolu. Midagi ei salvestata enne, kui teie nägu on ovaali sees.',
  'intro.start': 'Käivita kaamera',
  'status.starting': 'Kaamera avamine…',
  'status.loading': 'Näojuhiste ettevalmistamine…',
  'status.capturing': 'Pildistamine…',
  'status.uploading': 'Turvaline saatmine…',
  'status.processing': 'Kontrollimine…',
  'status.done': 'Aitäh, valmis',
  'status.paused': 'Peatatud, kuni leht on peidetud',
  'progress.label': 'Pildistamise edenemine',
  'manual.capture': 'Tee foto',
  'manual.hint': 'Automaatne pildistamine võtab aega. Võite foto ise teha.',
  'action.retry': 'Proovi uuesti',
  'camera.label': 'Kaamera',
  'camera.option': 'Kaamera {number}',
  'video.label': 'Kaamera eelvaade',
  'error.title': 'Midagi läks valesti',
  'error.camera-denied': 'Juurdepääs kaamerale blokeeriti. Lubage kaamera brauseri seadetes ja proovige siis uuesti.',
  'error.camera-not-found': 'Kaamerat ei leitud. Ühendage kaamera ja proovige uuesti.',
  'error.camera-in-use': 'Kaamerat kasutab teine rakendus. Sulgege see ja proovige uuesti.',
  'error.camera-ended': 'Kaamera peatus. Proovige uuesti.',
  'error.unsupported-browser': 'See brauser ei saa siin kaamerat kasutada. Proovige uuemat brauserit.',
  'error.model-load-failed': 'Näojuhiseid ei õnnestunud laadida.',
  'error.capture-failed': 'Fotot ei õnnestunud teha. Proovige uuesti.',
  'error.token-missing': 'See leht pole kontrolliks seadistatud (tõend puudub).',
  'error.token-expired': 'See kontroll on aegunud. Alustamiseks laadige leht uuesti.',
  'error.token-rejected': 'See kontroll ei kehti enam. Alustamiseks laadige leht uuesti.',
  'error.upload-failed': 'Fotot ei õnnestunud saata. Proovige uuesti.',
  'error.upload-rejected': 'Fotot ei aktsepteeritud. Proovige uuesti.',
  'error.check-failed': 'Kontrolli ei õnnestunud lõpule viia. Proovige uuesti.',
  'error.network': 'Ühendus ebaõnnestus. Kontrollige võrku ja proovige uuesti.',
};

export default messages;
