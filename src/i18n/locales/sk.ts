import type { Messages } from '../en.js';

/**
 * Slovak with the polite "vy" imperatives ("Umiestnite", "Priblížte sa"), and no past-tense forms about the
 * person, which would need a gender.
 */
const messages: Messages = {
  'hint.no-face': 'Umiestnite tvár do oválu',
  'hint.multiple-faces': 'Uistite sa, že ste v zábere len vy',
  'hint.low-confidence': 'Uistite sa, že je vidieť celú tvár',
  'hint.too-far': 'Priblížte sa',
  'hint.too-close': 'Trochu sa vzdiaľte',
  'hint.off-center': 'Umiestnite tvár do stredu oválu',
  'hint.turned': 'Pozerajte sa priamo do kamery',
  'hint.tilted': 'Držte hlavu rovno',
  'hint.too-dark': 'Nájdite svetlejšie miesto',
  'hint.too-bright': 'Príliš veľa svetla: uhnite z priameho svetla',
  'hint.backlit': 'Svetlo máte za chrbtom: otočte sa tvárou k svetlu',
  'hint.blurry': 'Nehýbte sa, obraz je rozmazaný',
  'hint.moving': 'Nehýbte sa',
  'hint.ok': 'Výborne, nehýbte sa',
  'intro.title': 'Urobte si rýchle selfie',
  'intro.body': 'Pomocou kamery overíme, že ste skutočne prítomní. Nič sa nenahráva, kým nebude vaša tvár v ováli.',
  'intro.start': 'Zapnúť kameru',
  'status.starting': 'Zapína sa kamera…',
  'status.loading': 'Pripravuje sa navádzanie…',
  'status.capturing': 'Snímanie…',
  'status.uploading': 'Bezpečné odosielanie…',
  'status.processing': 'Overovanie…',
  'status.done': 'Ďakujeme, hotovo',
  'status.paused': 'Pozastavené, kým je stránka skrytá',
  'progress.label': 'Priebeh snímania',
  'manual.capture': 'Odfotiť',
  'manual.hint': 'Automatické snímanie trvá dlhšie. Môžete sa odfotiť sami.',
  'action.retry': 'Skúsiť znova',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Náhľad kamery',
  'error.title': 'Niečo sa pokazilo',
  'error.camera-denied':
    'Prístup ku kamere bol zablokovaný. Povoľte kameru v nastaveniach prehliadača a skúste to znova.',
  'error.camera-not-found': 'Nenašla sa žiadna kamera. Pripojte kameru a skúste to znova.',
  'error.camera-in-use': 'Kameru používa iná aplikácia. Zatvorte ju a skúste to znova.',
  'error.camera-ended': 'Kamera prestala fungovať. Skúste to znova.',
  'error.unsupported-browser': 'Tento prehliadač tu nemôže použiť kameru. Skúste aktuálny prehliadač.',
  'error.model-load-failed': 'Navádzanie sa nepodarilo načítať.',
  'error.capture-failed': 'Fotografiu sa nepodarilo urobiť. Skúste to znova.',
  'error.token-missing': 'Táto stránka nie je nastavená na overenie (chýba token).',
  'error.token-expired': 'Platnosť tohto overenia vypršala. Načítajte stránku znova a začnite odznova.',
  'error.token-rejected': 'Toto overenie už nie je platné. Načítajte stránku znova a začnite odznova.',
  'error.upload-failed': 'Fotografiu sa nepodarilo odoslať. Skúste to znova.',
  'error.upload-rejected': 'Fotografia nebola prijatá. Skúste to znova.',
  'error.check-failed': 'Overenie sa nepodarilo dokončiť. Skúste to znova.',
  'error.network': 'Pripojenie zlyhalo. Skontrolujte sieť a skúste to znova.',
};

export default messages;
