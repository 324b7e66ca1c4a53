import type { Messages } from '../en.js';

/**
 * Hungarian in the polite "Ön" register (magázás: "Helyezze", "Jöjjön közelebb"), as Hungarian banks and public
 * services address their users. "ovális" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Helyezze az arcát az oválisba',
  'hint.multiple-faces': 'Ügyeljen arra, hogy csak Ön legyen a képen',
  'hint.low-confidence': 'Ügyeljen arra, hogy az egész arca látszódjon',
  'hint.too-far': 'Jöjjön közelebb',
  'hint.too-close': 'Menjen kicsit hátrébb',
  'hint.off-center': 'Helyezze az arcát az ovális közepére',
  'hint.turned': 'Nézzen egyenesen a kamerába',
  'hint.tilted': 'Tartsa egyenesen a fejét',
  'hint.too-dark': 'Keressen világosabb helyet',
  'hint.too-bright': 'Túl világos: lépjen ki a közvetlen fényből',
  'hint.backlit': 'A fény Ön mögött van: forduljon a fény felé',
  'hint.blurry': 'Ne mozogjon, a kép elmosódott',
  'hint.moving': 'Ne mozogjon',
  'hint.eyes-covered': 'Fedje fel a szemét, és vegye le a napszemüveget',
  'hint.eyes-closed': 'Tartsa nyitva a szemét',
  'hint.mouth-covered': 'Fedje fel a száját és az orrát',
  'hint.ok': 'Nagyszerű, maradjon így',
  'intro.title': 'Készítsen egy gyors szelfit',
  'intro.body':
    'A kamerával ellenőrizzük, hogy Ön valóban jelen van. Semmi sem kerül rögzítésre, amíg az arca nincs az oválisban.',
  'intro.start': 'Kamera indítása',
  'status.starting': 'A kamera megnyitása…',
  'status.loading': 'Az arcigazítás előkészítése…',
  'status.capturing': 'Felvétel…',
  'status.uploading': 'Biztonságos küldés…',
  'status.processing': 'Ellenőrzés…',
  'status.done': 'Köszönjük, kész',
  'status.paused': 'Szüneteltetve, amíg az oldal rejtve van',
  'progress.label': 'A felvétel állapota',
  'manual.capture': 'Fénykép készítése',
  'manual.hint': 'Az automatikus felvétel a vártnál tovább tart. A fényképet saját maga is elkészítheti.',
  'action.retry': 'Újrapróbálkozás',
  'camera.label': 'Kamera',
  'camera.option': '{number}. kamera',
  'video.label': 'Kamera előnézete',
  'error.title': 'Hiba történt',
  'error.camera-denied':
    'A kamera-hozzáférés le van tiltva. Engedélyezze a kamerát a böngésző beállításaiban, majd próbálja újra.',
  'error.camera-not-found': 'Nem található kamera. Csatlakoztasson egy kamerát, és próbálja újra.',
  'error.camera-in-use': 'A kamerát egy másik alkalmazás használja. Zárja be, és próbálja újra.',
  'error.camera-ended': 'A kamera leállt. Próbálja újra.',
  'error.unsupported-browser': 'Ez a böngésző itt nem tudja használni a kamerát. Próbálkozzon egy friss böngészővel.',
  'error.model-load-failed': 'Az arcigazítást nem sikerült betölteni.',
  'error.capture-failed': 'A fényképet nem sikerült elkészíteni. Próbálja újra.',
  'error.token-missing': 'Ez az oldal nincs beállítva ellenőrzésre (hiányzik a token).',
  'error.token-expired': 'Ez az ellenőrzés lejárt. Töltse be újra az oldalt az újrakezdéshez.',
  'error.token-rejected': 'Ez az ellenőrzés már nem érvényes. Töltse be újra az oldalt az újrakezdéshez.',
  'error.upload-failed': 'A fényképet nem sikerült elküldeni. Próbálja újra.',
  'error.upload-rejected': 'A fényképet nem fogadtuk el. Próbálja újra.',
  'error.check-failed': 'Az ellenőrzést nem sikerült befejezni. Próbálja újra.',
  'error.network': 'A kapcsolat megszakadt. Ellenőrizze a hálózatot, és próbálja újra.',
};

export default messages;
