import type { Messages } from '../en.js';

/**
 * Filipino (Tagalog) with "ka/mo" and the plain imperatives Philippine banks and e-wallets use ("Ilagay",
 * "Lumapit"), keeping the English loanwords Filipinos use in apps (camera, browser, selfie).
 * "oval" is the oval throughout. Also served for `tl`.
 */
const messages: Messages = {
  'hint.no-face': 'Ilagay ang iyong mukha sa loob ng oval',
  'hint.multiple-faces': 'Siguraduhing ikaw lang ang nasa frame',
  'hint.low-confidence': 'Siguraduhing kita ang buo mong mukha',
  'hint.too-far': 'Lumapit pa nang kaunti',
  'hint.too-close': 'Umatras nang kaunti',
  'hint.off-center': 'Igitna ang iyong mukha sa oval',
  'hint.turned': 'Tumingin nang diretso sa camera',
  'hint.tilted': 'Panatilihing tuwid ang iyong ulo',
  'hint.too-dark': 'Humanap ng mas maliwanag na lugar',
  'hint.too-bright': 'Masyadong maliwanag: lumayo sa direktang liwanag',
  'hint.backlit': 'Nasa likod mo ang liwanag: humarap sa liwanag',
  'hint.blurry': 'Huwag gumalaw, malabo ang larawan',
  'hint.moving': 'Huwag gumalaw',
  'hint.eyes-covered': 'Huwag takpan ang mga mata at alisin ang sunglasses',
  'hint.eyes-closed': 'Panatilihing nakadilat ang mga mata',
  'hint.mouth-covered': 'Huwag takpan ang bibig at ilong',
  'hint.ok': 'Magaling, huwag gumalaw',
  'intro.title': 'Kumuha ng mabilis na selfie',
  'intro.body':
    'Gagamitin namin ang iyong camera para matiyak na naroon ka talaga. Walang nire-record hangga’t wala sa loob ng oval ang iyong mukha.',
  'intro.start': 'Buksan ang camera',
  'status.starting': 'Binubuksan ang camera…',
  'status.loading': 'Inihahanda ang gabay sa mukha…',
  'status.capturing': 'Kumukuha ng larawan…',
  'status.uploading': 'Ligtas na ipinapadala…',
  'status.processing': 'Sinusuri…',
  'status.done': 'Salamat, tapos ka na',
  'status.paused': 'Naka-pause habang nakatago ang page',
  'progress.label': 'Progreso ng pagkuha',
  'manual.capture': 'Kumuha ng larawan',
  'manual.hint': 'Natatagalan ang awtomatikong pagkuha. Puwede mong kunan ang larawan nang mano-mano.',
  'action.retry': 'Subukang muli',
  'camera.label': 'Camera',
  'camera.option': 'Camera {number}',
  'video.label': 'Preview ng camera',
  'error.title': 'May nangyaring mali',
  'error.camera-denied':
    'Na-block ang access sa camera. Payagan ang camera sa settings ng iyong browser, pagkatapos ay subukang muli.',
  'error.camera-not-found': 'Walang nakitang camera. Magkabit ng camera at subukang muli.',
  'error.camera-in-use': 'Ginagamit ng ibang app ang iyong camera. Isara ito at subukang muli.',
  'error.camera-ended': 'Huminto ang camera. Subukang muli.',
  'error.unsupported-browser': 'Hindi magamit ng browser na ito ang camera rito. Subukan ang updated na browser.',
  'error.model-load-failed': 'Hindi ma-load ang gabay sa mukha.',
  'error.capture-failed': 'Hindi makunan ang larawan. Subukang muli.',
  'error.token-missing': 'Hindi naka-set up ang page na ito para sa pagsusuri (walang token).',
  'error.token-expired': 'Nag-expire na ang pagsusuring ito. I-reload ang page para magsimulang muli.',
  'error.token-rejected': 'Hindi na valid ang pagsusuring ito. I-reload ang page para magsimulang muli.',
  'error.upload-failed': 'Hindi maipadala ang larawan. Subukang muli.',
  'error.upload-rejected': 'Hindi tinanggap ang larawan. Subukang muli.',
  'error.check-failed': 'Hindi makumpleto ang pagsusuri. Subukang muli.',
  'error.network': 'Nabigo ang koneksyon. Tingnan ang iyong network at subukang muli.',
};

export default messages;
