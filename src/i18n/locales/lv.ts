import type { Messages } from '../en.js';

/**
 * Latvian with the polite "jūs" imperatives ("Novietojiet", "Pienāciet tuvāk"), as Latvian banks write.
 * "ovāls" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Novietojiet seju ovāla iekšpusē',
  'hint.multiple-faces': 'Pārliecinieties, ka kadrā esat tikai jūs',
  'hint.low-confidence': 'Pārliecinieties, ka ir redzama visa seja',
  'hint.too-far': 'Pienāciet tuvāk',
  'hint.too-close': 'Mazliet attālinieties',
  'hint.off-center': 'Novietojiet seju ovāla centrā',
  'hint.turned': 'Skatieties tieši kamerā',
  'hint.tilted': 'Turiet galvu taisni',
  'hint.too-dark': 'Atrodiet gaišāku vietu',
  'hint.too-bright': 'Pārāk gaišs: pavirzieties prom no tiešas gaismas',
  'hint.backlit': 'Gaisma ir aiz jums: pagriezieties pret gaismu',
  'hint.blurry': 'Nekustieties, attēls ir izplūdis',
  'hint.moving': 'Nekustieties',
  'hint.eyes-covered': 'Atsedziet acis un noņemiet saulesbrilles',
  'hint.eyes-closed': 'Turiet acis atvērtas',
  'hint.mouth-covered': 'Atsedziet muti un degunu',
  'hint.ok': 'Lieliski, nekustieties',
  'intro.title': 'Uzņemiet ātru pašbildi',
  'intro.body':
    'Ar kameru pārliecināsimies par jūsu klātbūtni. Nekas netiek ierakstīts, līdz jūsu seja ir ovāla iekšpusē.',
  'intro.start': 'Ieslēgt kameru',
  'status.starting': 'Atver kameru…',
  'status.loading': 'Sagatavo sejas norādes…',
  'status.capturing': 'Uzņem…',
  'status.uploading': 'Droši nosūta…',
  'status.processing': 'Pārbauda…',
  'status.done': 'Paldies, gatavs',
  'status.paused': 'Pauzēts, kamēr lapa ir paslēpta',
  'progress.label': 'Uzņemšanas gaita',
  'manual.capture': 'Uzņemt fotoattēlu',
  'manual.hint': 'Automātiskā uzņemšana aizņem ilgāku laiku. Varat uzņemt fotoattēlu paši.',
  'action.retry': 'Mēģināt vēlreiz',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Kameras priekšskatījums',
  'error.title': 'Radās kļūda',
  'error.camera-denied':
    'Piekļuve kamerai ir bloķēta. Atļaujiet kameru pārlūkprogrammas iestatījumos un mēģiniet vēlreiz.',
  'error.camera-not-found': 'Kamera netika atrasta. Pievienojiet kameru un mēģiniet vēlreiz.',
  'error.camera-in-use': 'Kameru izmanto cita lietotne. Aizveriet to un mēģiniet vēlreiz.',
  'error.camera-ended': 'Kamera apstājās. Mēģiniet vēlreiz.',
  'error.unsupported-browser': 'Šī pārlūkprogramma šeit nevar izmantot kameru. Izmēģiniet atjauninātu pārlūkprogrammu.',
  'error.model-load-failed': 'Neizdevās ielādēt sejas norādes.',
  'error.capture-failed': 'Neizdevās uzņemt fotoattēlu. Mēģiniet vēlreiz.',
  'error.token-missing': 'Šī lapa nav iestatīta pārbaudei (trūkst marķiera).',
  'error.token-expired': 'Šīs pārbaudes derīgums ir beidzies. Pārlādējiet lapu, lai sāktu no jauna.',
  'error.token-rejected': 'Šī pārbaude vairs nav derīga. Pārlādējiet lapu, lai sāktu no jauna.',
  'error.upload-failed': 'Neizdevās nosūtīt fotoattēlu. Mēģiniet vēlreiz.',
  'error.upload-rejected': 'Fotoattēls netika pieņemts. Mēģiniet vēlreiz.',
  'error.check-failed': 'Neizdevās pabeigt pārbaudi. Mēģiniet vēlreiz.',
  'error.network': 'Savienojums neizdevās. Pārbaudiet tīklu un mēģiniet vēlreiz.',
};

export default messages;
