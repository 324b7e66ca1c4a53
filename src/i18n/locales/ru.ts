import type { Messages } from '../en.js';

/**
 * Russian with the polite "вы" (lower case, as in interfaces), short imperatives, and no past-tense or adjective
 * forms about the person that would need a gender ("не двигайтесь" rather than "оставайтесь неподвижным").
 */
const messages: Messages = {
  'hint.no-face': 'Поместите лицо в овал',
  'hint.multiple-faces': 'Убедитесь, что в кадре только вы',
  'hint.low-confidence': 'Убедитесь, что лицо видно полностью',
  'hint.too-far': 'Подвиньтесь ближе',
  'hint.too-close': 'Отодвиньтесь немного',
  'hint.off-center': 'Расположите лицо по центру овала',
  'hint.turned': 'Смотрите прямо в камеру',
  'hint.tilted': 'Держите голову прямо',
  'hint.too-dark': 'Найдите место посветлее',
  'hint.too-bright': 'Слишком светло: уйдите от прямого света',
  'hint.backlit': 'Свет за вашей спиной: повернитесь лицом к свету',
  'hint.blurry': 'Не двигайтесь, изображение размыто',
  'hint.moving': 'Не двигайтесь',
  'hint.eyes-covered': 'Снимите солнцезащитные очки: глаза должны быть видны',
  'hint.eyes-closed': 'Не закрывайте глаза',
  'hint.mouth-covered': 'Рот и нос должны быть открыты',
  'hint.ok': 'Отлично, не двигайтесь',
  'intro.title': 'Сделайте быстрое селфи',
  'intro.body':
    'Мы воспользуемся камерой, чтобы убедиться, что это действительно вы. Запись не начнётся, пока ваше лицо не окажется в овале.',
  'intro.start': 'Включить камеру',
  'status.starting': 'Включение камеры…',
  'status.loading': 'Подготовка подсказок…',
  'status.capturing': 'Съёмка…',
  'status.uploading': 'Безопасная отправка…',
  'status.processing': 'Проверка…',
  'status.done': 'Спасибо, всё готово',
  'status.paused': 'Пауза, пока страница скрыта',
  'progress.label': 'Ход съёмки',
  'manual.capture': 'Сделать снимок',
  'manual.hint': 'Автоматическая съёмка занимает больше времени. Вы можете сделать снимок сами.',
  'action.retry': 'Повторить',
  'camera.label': 'Камера',
  'camera.option': 'Камера {number}',
  'video.label': 'Изображение с камеры',
  'error.title': 'Что-то пошло не так',
  'error.camera-denied':
    'Доступ к камере заблокирован. Разрешите использование камеры в настройках браузера и повторите попытку.',
  'error.camera-not-found': 'Камера не найдена. Подключите камеру и повторите попытку.',
  'error.camera-in-use': 'Камера используется другим приложением. Закройте его и повторите попытку.',
  'error.camera-ended': 'Камера отключилась. Повторите попытку.',
  'error.unsupported-browser':
    'Этот браузер не может использовать камеру на этой странице. Попробуйте обновлённый браузер.',
  'error.model-load-failed': 'Не удалось загрузить подсказки.',
  'error.capture-failed': 'Не удалось сделать снимок. Повторите попытку.',
  'error.token-missing': 'Страница не настроена для проверки (отсутствует токен).',
  'error.token-expired': 'Срок действия проверки истёк. Обновите страницу, чтобы начать заново.',
  'error.token-rejected': 'Эта проверка больше не действительна. Обновите страницу, чтобы начать заново.',
  'error.upload-failed': 'Не удалось отправить снимок. Повторите попытку.',
  'error.upload-rejected': 'Снимок не принят. Повторите попытку.',
  'error.check-failed': 'Не удалось завершить проверку. Повторите попытку.',
  'error.network': 'Ошибка соединения. Проверьте подключение к сети и повторите попытку.',
};

export default messages;
