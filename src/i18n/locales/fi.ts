import type { Messages } from '../en.js';

/**
 * Finnish with the singular imperative ("Aseta", "Tule lähemmäs") that Finnish apps and banks use.
 * "soikio" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Aseta kasvosi soikion sisään',
  'hint.multiple-faces': 'Varmista, että kuvassa olet vain sinä',
  'hint.low-confidence': 'Varmista, että kasvosi näkyvät kokonaan',
  'hint.too-far': 'Tule lähemmäs',
  'hint.too-close': 'Siirry hieman kauemmas',
  'hint.off-center': 'Keskitä kasvosi soikioon',
  'hint.turned': 'Katso suoraan kameraan',
  'hint.tilted': 'Pidä pää suorassa',
  'hint.too-dark': 'Siirry valoisampaan paikkaan',
  'hint.too-bright': 'Liian kirkasta: siirry pois suorasta valosta',
  'hint.backlit': 'Valo on takanasi: käänny valoa kohti',
  'hint.blurry': 'Pysy paikallasi, kuva on epätarkka',
  'hint.moving': 'Pysy paikallasi',
  'hint.ok': 'Hienoa, pysy paikallasi',
  'intro.title': 'Ota nopea selfie',
  'intro.body':
    'Käytämme kameraasi varmistaaksemme, että olet paikalla. Mitään ei tallenneta ennen kuin kasvosi ovat soikion sisällä.',
  'intro.start': 'Käynnistä kamera',
  'status.starting': 'Kameraa avataan…',
  'status.loading': 'Kasvo-ohjausta valmistellaan…',
  'status.capturing': 'Kuvataan…',
  'status.uploading': 'Lähetetään turvallisesti…',
  'status.processing': 'Tarkistetaan…',
  'status.done': 'Kiitos, kaikki on valmista',
  'status.paused': 'Keskeytetty, kun sivu on piilossa',
  'progress.label': 'Kuvauksen edistyminen',
  'manual.capture': 'Ota kuva',
  'manual.hint': 'Automaattinen kuvaus kestää tavallista kauemmin. Voit ottaa kuvan itse.',
  'action.retry': 'Yritä uudelleen',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Kameran esikatselu',
  'error.title': 'Jokin meni vikaan',
  'error.camera-denied': 'Kameran käyttö estettiin. Salli kamera selaimen asetuksista ja yritä sitten uudelleen.',
  'error.camera-not-found': 'Kameraa ei löytynyt. Liitä kamera ja yritä uudelleen.',
  'error.camera-in-use': 'Toinen sovellus käyttää kameraa. Sulje se ja yritä uudelleen.',
  'error.camera-ended': 'Kamera pysähtyi. Yritä uudelleen.',
  'error.unsupported-browser': 'Tämä selain ei voi käyttää kameraa tässä. Kokeile ajan tasalla olevaa selainta.',
  'error.model-load-failed': 'Kasvo-ohjausta ei voitu ladata.',
  'error.capture-failed': 'Kuvan ottaminen epäonnistui. Yritä uudelleen.',
  'error.token-missing': 'Tätä sivua ei ole määritetty tarkistusta varten (tunniste puuttuu).',
  'error.token-expired': 'Tämä tarkistus on vanhentunut. Lataa sivu uudelleen aloittaaksesi alusta.',
  'error.token-rejected': 'Tämä tarkistus ei ole enää voimassa. Lataa sivu uudelleen aloittaaksesi alusta.',
  'error.upload-failed': 'Kuvan lähettäminen epäonnistui. Yritä uudelleen.',
  'error.upload-rejected': 'Kuvaa ei hyväksytty. Yritä uudelleen.',
  'error.check-failed': 'Tarkistusta ei voitu suorittaa loppuun. Yritä uudelleen.',
  'error.network': 'Yhteys epäonnistui. Tarkista verkkoyhteys ja yritä uudelleen.',
};

export default messages;
