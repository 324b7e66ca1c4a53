import type { Messages } from '../en.js';

/**
 * Persian (Farsi) with the polite plural ("قرار دهید", "نزدیک‌تر شوید"), the zero-width non-joiner where Persian
 * orthography needs it (نزدیک‌تر، می‌شود), Persian letters (ی، ک) rather than their Arabic look-alikes, and no
 * Latin script. "بیضی" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'صورت خود را داخل بیضی قرار دهید',
  'hint.multiple-faces': 'مطمئن شوید فقط خودتان در تصویر هستید',
  'hint.low-confidence': 'مطمئن شوید تمام صورتتان دیده می‌شود',
  'hint.too-far': 'نزدیک‌تر بیایید',
  'hint.too-close': 'کمی عقب‌تر بروید',
  'hint.off-center': 'صورت خود را در وسط بیضی قرار دهید',
  'hint.turned': 'مستقیم به دوربین نگاه کنید',
  'hint.tilted': 'سر خود را صاف نگه دارید',
  'hint.too-dark': 'به جای روشن‌تری بروید',
  'hint.too-bright': 'نور بیش از حد است: از نور مستقیم دور شوید',
  'hint.backlit': 'نور پشت سر شماست: رو به نور بایستید',
  'hint.blurry': 'تکان نخورید، تصویر تار است',
  'hint.moving': 'تکان نخورید',
  'hint.eyes-covered': 'چشم‌هایتان را نپوشانید و عینک آفتابی را بردارید',
  'hint.eyes-closed': 'چشم‌هایتان را باز نگه دارید',
  'hint.mouth-covered': 'دهان و بینی‌تان را نپوشانید',
  'hint.ok': 'عالی است، تکان نخورید',
  'intro.title': 'یک سلفی سریع بگیرید',
  'intro.body':
    'از دوربین شما استفاده می‌کنیم تا مطمئن شویم خودتان حضور دارید. تا زمانی که صورتتان داخل بیضی نباشد، چیزی ضبط نمی‌شود.',
  'intro.start': 'روشن کردن دوربین',
  'status.starting': 'در حال باز کردن دوربین…',
  'status.loading': 'در حال آماده‌سازی راهنمای چهره…',
  'status.capturing': 'در حال عکس‌برداری…',
  'status.uploading': 'در حال ارسال امن…',
  'status.processing': 'در حال بررسی…',
  'status.done': 'سپاسگزاریم، کار تمام شد',
  'status.paused': 'تا وقتی صفحه پنهان است، متوقف شده',
  'progress.label': 'پیشرفت عکس‌برداری',
  'manual.capture': 'گرفتن عکس',
  'manual.hint': 'عکس‌برداری خودکار کمی طول می‌کشد. می‌توانید خودتان عکس را بگیرید.',
  'action.retry': 'تلاش دوباره',
  'camera.label': 'دوربین',
  'camera.option': 'دوربین {number}',
  'video.label': 'پیش‌نمایش دوربین',
  'error.title': 'مشکلی پیش آمد',
  'error.camera-denied':
    'دسترسی به دوربین مسدود شد. در تنظیمات مرورگر اجازهٔ استفاده از دوربین را بدهید و دوباره تلاش کنید.',
  'error.camera-not-found': 'هیچ دوربینی پیدا نشد. یک دوربین وصل کنید و دوباره تلاش کنید.',
  'error.camera-in-use': 'دوربین در حال استفاده توسط برنامهٔ دیگری است. آن را ببندید و دوباره تلاش کنید.',
  'error.camera-ended': 'دوربین متوقف شد. دوباره تلاش کنید.',
  'error.unsupported-browser': 'این مرورگر نمی‌تواند در اینجا از دوربین استفاده کند. یک مرورگر به‌روز را امتحان کنید.',
  'error.model-load-failed': 'راهنمای چهره بارگیری نشد.',
  'error.capture-failed': 'گرفتن عکس ممکن نشد. دوباره تلاش کنید.',
  'error.token-missing': 'این صفحه برای احراز هویت تنظیم نشده است (توکن وجود ندارد).',
  'error.token-expired': 'مهلت این احراز هویت به پایان رسیده است. برای شروع دوباره، صفحه را بازخوانی کنید.',
  'error.token-rejected': 'این احراز هویت دیگر معتبر نیست. برای شروع دوباره، صفحه را بازخوانی کنید.',
  'error.upload-failed': 'ارسال عکس ممکن نشد. دوباره تلاش کنید.',
  'error.upload-rejected': 'عکس پذیرفته نشد. دوباره تلاش کنید.',
  'error.check-failed': 'احراز هویت کامل نشد. دوباره تلاش کنید.',
  'error.network': 'اتصال برقرار نشد. شبکهٔ خود را بررسی کنید و دوباره تلاش کنید.',
};

export default messages;
