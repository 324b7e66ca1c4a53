import type { Messages } from '../en.js';

/**
 * Czech with the polite "vy" imperatives ("Umístěte", "Přibližte se") that Czech banks use, and no past-tense
 * forms about the person, which would need a gender.
 */
const messages: Messages = {
  'hint.no-face': 'Umístěte obličej do oválu',
  'hint.multiple-faces': 'Ujistěte se, že jste v záběru jen vy',
  'hint.low-confidence': 'Ujistěte se, že je vidět celý obličej',
  'hint.too-far': 'Přibližte se',
  'hint.too-close': 'Trochu se vzdalte',
  'hint.off-center': 'Umístěte obličej doprostřed oválu',
  'hint.turned': 'Dívejte se přímo do kamery',
  'hint.tilted': 'Držte hlavu rovně',
  'hint.too-dark': 'Najděte světlejší místo',
  'hint.too-bright': 'Příliš mnoho světla: uhněte z přímého světla',
  'hint.backlit': 'Světlo máte za zády: otočte se čelem ke světlu',
  'hint.blurry': 'Nehýbejte se, obraz je rozmazaný',
  'hint.moving': 'Nehýbejte se',
  'hint.ok': 'Výborně, nehýbejte se',
  'intro.title': 'Pořiďte rychlé selfie',
  'intro.body':
    'Pomocí kamery ověříme, že jste skutečně přítomni. Nic se nenahrává, dokud nebude váš obličej v oválu.',
  'intro.start': 'Zapnout kameru',
  'status.starting': 'Zapínání kamery…',
  'status.loading': 'Příprava navádění…',
  'status.capturing': 'Snímání…',
  'status.uploading': 'Bezpečné odesílání…',
  'status.processing': 'Ověřování…',
  'status.done': 'Děkujeme, hotovo',
  'status.paused': 'Pozastaveno, dokud je stránka skrytá',
  'progress.label': 'Průběh snímání',
  'manual.capture': 'Vyfotit',
  'manual.hint': 'Automatické snímání trvá déle. Můžete se vyfotit sami.',
  'action.retry': 'Zkusit znovu',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Náhled kamery',
  'error.title': 'Něco se pokazilo',
  'error.camera-denied':
    'Přístup ke kameře byl zablokován. Povolte kameru v nastavení prohlížeče a zkuste to znovu.',
  'error.camera-not-found': 'Nebyla nalezena žádná kamera. Připojte kameru a zkuste to znovu.',
  'error.camera-in-use': 'Kameru používá jiná aplikace. Zavřete ji a zkuste to znovu.',
  'error.camera-ended': 'Kamera přestala fungovat. Zkuste to znovu.',
  'error.unsupported-browser': 'Tento prohlížeč zde nemůže použít kameru. Zkuste aktuální prohlížeč.',
  'error.model-load-failed': 'Navádění se nepodařilo načíst.',
  'error.capture-failed': 'Fotografii se nepodařilo pořídit. Zkuste to znovu.',
  'error.token-missing': 'Tato stránka není nastavena pro ověření (chybí token).',
  'error.token-expired': 'Platnost tohoto ověření vypršela. Načtěte stránku znovu a začněte od začátku.',
  'error.token-rejected': 'Toto ověření již není platné. Načtěte stránku znovu a začněte od začátku.',
  'error.upload-failed': 'Fotografii se nepodařilo odeslat. Zkuste to znovu.',
  'error.upload-rejected': 'Fotografie nebyla přijata. Zkuste to znovu.',
  'error.check-failed': 'Ověření se nepodařilo dokončit. Zkuste to znovu.',
  'error.network': 'Připojení selhalo. Zkontrolujte síť a zkuste to znovu.',
};

export default messages;
