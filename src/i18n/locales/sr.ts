import type { Messages } from '../en.js';

/**
 * Serbian in Cyrillic, the official script (also served for sr-Latn, whose readers read Cyrillic), with the
 * polite "Ви" imperatives ("Поставите", "Приближите се") and no past-tense forms about the person.
 */
const messages: Messages = {
  'hint.no-face': 'Поставите лице унутар овала',
  'hint.multiple-faces': 'Проверите да ли сте само ви у кадру',
  'hint.low-confidence': 'Проверите да ли се види цело лице',
  'hint.too-far': 'Приближите се',
  'hint.too-close': 'Мало се одмакните',
  'hint.off-center': 'Поставите лице у средину овала',
  'hint.turned': 'Гледајте право у камеру',
  'hint.tilted': 'Држите главу усправно',
  'hint.too-dark': 'Пронађите светлије место',
  'hint.too-bright': 'Превише светла: склоните се од директног светла',
  'hint.backlit': 'Светло вам је иза леђа: окрените се лицем ка светлу',
  'hint.blurry': 'Не померајте се, слика је мутна',
  'hint.moving': 'Не померајте се',
  'hint.ok': 'Одлично, не померајте се',
  'intro.title': 'Направите брзи селфи',
  'intro.body': 'Камером ћемо потврдити ваше присуство. Ништа се не снима док вам лице не буде унутар овала.',
  'intro.start': 'Укључи камеру',
  'status.starting': 'Отварање камере…',
  'status.loading': 'Припрема водича за лице…',
  'status.capturing': 'Снимање…',
  'status.uploading': 'Безбедно слање…',
  'status.processing': 'Провера…',
  'status.done': 'Хвала, готово је',
  'status.paused': 'Паузирано док је страница скривена',
  'progress.label': 'Напредак снимања',
  'manual.capture': 'Сними фотографију',
  'manual.hint': 'Аутоматско снимање траје дуже. Фотографију можете снимити и сами.',
  'action.retry': 'Покушај поново',
  'camera.label': 'Камера',
  'camera.option': 'Камера {number}',
  'video.label': 'Преглед камере',
  'error.title': 'Дошло је до грешке',
  'error.camera-denied':
    'Приступ камери је блокиран. Дозволите камеру у подешавањима прегледача, а затим покушајте поново.',
  'error.camera-not-found': 'Камера није пронађена. Повежите камеру и покушајте поново.',
  'error.camera-in-use': 'Камеру користи друга апликација. Затворите је и покушајте поново.',
  'error.camera-ended': 'Камера се зауставила. Покушајте поново.',
  'error.unsupported-browser': 'Овај прегледач овде не може да користи камеру. Пробајте ажуран прегледач.',
  'error.model-load-failed': 'Водич за лице није могао да се учита.',
  'error.capture-failed': 'Фотографија није снимљена. Покушајте поново.',
  'error.token-missing': 'Ова страница није подешена за проверу (недостаје токен).',
  'error.token-expired': 'Ова провера је истекла. Поново учитајте страницу да бисте почели испочетка.',
  'error.token-rejected': 'Ова провера више није важећа. Поново учитајте страницу да бисте почели испочетка.',
  'error.upload-failed': 'Фотографија није послата. Покушајте поново.',
  'error.upload-rejected': 'Фотографија није прихваћена. Покушајте поново.',
  'error.check-failed': 'Провера није завршена. Покушајте поново.',
  'error.network': 'Веза није успела. Проверите мрежу и покушајте поново.',
};

export default messages;
