import type { Messages } from '../en.js';

/**
 * Lithuanian with the polite "jūs" imperatives ("Padėkite", "Prisiartinkite"), as Lithuanian banks write.
 * "ovalas" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Veidą laikykite ovalo viduje',
  'hint.multiple-faces': 'Įsitikinkite, kad kadre esate tik jūs',
  'hint.low-confidence': 'Įsitikinkite, kad matomas visas veidas',
  'hint.too-far': 'Prisiartinkite',
  'hint.too-close': 'Šiek tiek atsitraukite',
  'hint.off-center': 'Veidą laikykite ovalo centre',
  'hint.turned': 'Žiūrėkite tiesiai į kamerą',
  'hint.tilted': 'Laikykite galvą tiesiai',
  'hint.too-dark': 'Raskite šviesesnę vietą',
  'hint.too-bright': 'Per šviesu: pasitraukite nuo tiesioginės šviesos',
  'hint.backlit': 'Šviesa yra už jūsų: atsisukite į šviesą',
  'hint.blurry': 'Nejudėkite, vaizdas neryškus',
  'hint.moving': 'Nejudėkite',
  'hint.ok': 'Puiku, nejudėkite',
  'intro.title': 'Greitai nusifotografuokite',
  'intro.body': 'Kamera patikrinsime, ar esate čia. Niekas neįrašoma, kol jūsų veidas nėra ovalo viduje.',
  'intro.start': 'Įjungti kamerą',
  'status.starting': 'Įjungiama kamera…',
  'status.loading': 'Ruošiami veido nurodymai…',
  'status.capturing': 'Fotografuojama…',
  'status.uploading': 'Saugiai siunčiama…',
  'status.processing': 'Tikrinama…',
  'status.done': 'Ačiū, baigta',
  'status.paused': 'Pristabdyta, kol puslapis paslėptas',
  'progress.label': 'Fotografavimo eiga',
  'manual.capture': 'Fotografuoti',
  'manual.hint': 'Automatinis fotografavimas užtrunka. Galite nusifotografuoti patys.',
  'action.retry': 'Bandyti dar kartą',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Kameros peržiūra',
  'error.title': 'Kažkas nepavyko',
  'error.camera-denied':
    'Prieiga prie kameros užblokuota. Leiskite naudoti kamerą naršyklės nustatymuose ir bandykite dar kartą.',
  'error.camera-not-found': 'Kamera nerasta. Prijunkite kamerą ir bandykite dar kartą.',
  'error.camera-in-use': 'Kamerą naudoja kita programa. Uždarykite ją ir bandykite dar kartą.',
  'error.camera-ended': 'Kamera išsijungė. Bandykite dar kartą.',
  'error.unsupported-browser': 'Ši naršyklė čia negali naudoti kameros. Išbandykite naujesnę naršyklę.',
  'error.model-load-failed': 'Nepavyko įkelti veido nurodymų.',
  'error.capture-failed': 'Nepavyko nufotografuoti. Bandykite dar kartą.',
  'error.token-missing': 'Šis puslapis nenustatytas tikrinimui (trūksta prieigos rakto).',
  'error.token-expired': 'Šio tikrinimo galiojimas baigėsi. Iš naujo įkelkite puslapį, kad pradėtumėte iš pradžių.',
  'error.token-rejected': 'Šis tikrinimas nebegalioja. Iš naujo įkelkite puslapį, kad pradėtumėte iš pradžių.',
  'error.upload-failed': 'Nepavyko išsiųsti nuotraukos. Bandykite dar kartą.',
  'error.upload-rejected': 'Nuotrauka nepriimta. Bandykite dar kartą.',
  'error.check-failed': 'Nepavyko užbaigti tikrinimo. Bandykite dar kartą.',
  'error.network': 'Ryšys nutrūko. Patikrinkite tinklą ir bandykite dar kartą.',
};

export default messages;
