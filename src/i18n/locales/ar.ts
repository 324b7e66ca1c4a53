import type { Messages } from '../en.js';

/**
 * Modern Standard Arabic. Arabic imperatives are gendered, so instructions use the neutral polite form
 * "يُرجى" + verbal noun (as Arabic product UIs commonly do) and never a masculine-only imperative. "الشكل البيضاوي"
 * is the oval throughout; no Latin script, so the bidi algorithm never reorders a line.
 */
const messages: Messages = {
  'hint.no-face': 'يُرجى وضع وجهك داخل الشكل البيضاوي',
  'hint.multiple-faces': 'يُرجى التأكد من عدم وجود أحد غيرك في الصورة',
  'hint.low-confidence': 'يُرجى التأكد من ظهور وجهك بالكامل',
  'hint.too-far': 'يُرجى الاقتراب أكثر',
  'hint.too-close': 'يُرجى الابتعاد قليلًا',
  'hint.off-center': 'يُرجى توسيط وجهك داخل الشكل البيضاوي',
  'hint.turned': 'يُرجى النظر مباشرةً إلى الكاميرا',
  'hint.tilted': 'يُرجى إبقاء رأسك مستقيمًا',
  'hint.too-dark': 'يُرجى الانتقال إلى مكان أكثر إضاءة',
  'hint.too-bright': 'الإضاءة قوية جدًا: يُرجى الابتعاد عن الضوء المباشر',
  'hint.backlit': 'الضوء خلفك: يُرجى مواجهة مصدر الضوء',
  'hint.blurry': 'يُرجى الثبات، فالصورة غير واضحة',
  'hint.moving': 'يُرجى عدم الحركة',
  'hint.eyes-covered': 'يُرجى كشف العينين وخلع النظارة الشمسية',
  'hint.eyes-closed': 'يُرجى إبقاء العينين مفتوحتين',
  'hint.mouth-covered': 'يُرجى كشف الفم والأنف',
  'hint.ok': 'رائع، يُرجى الثبات على هذه الوضعية',
  'intro.title': 'لنلتقط صورة ذاتية سريعة',
  'intro.body': 'سنستخدم الكاميرا للتحقق من وجودك. لن يُسجَّل أي شيء قبل أن يصبح وجهك داخل الشكل البيضاوي.',
  'intro.start': 'تشغيل الكاميرا',
  'status.starting': 'جارٍ فتح الكاميرا…',
  'status.loading': 'جارٍ تجهيز إرشادات ضبط الوجه…',
  'status.capturing': 'جارٍ الالتقاط…',
  'status.uploading': 'جارٍ الإرسال بأمان…',
  'status.processing': 'جارٍ التحقق…',
  'status.done': 'شكرًا لك، اكتملت العملية',
  'status.paused': 'متوقف مؤقتًا ما دامت الصفحة مخفية',
  'progress.label': 'تقدُّم الالتقاط',
  'manual.capture': 'التقاط الصورة',
  'manual.hint': 'يستغرق الالتقاط التلقائي بعض الوقت. يمكنك التقاط الصورة بنفسك.',
  'action.retry': 'إعادة المحاولة',
  'camera.label': 'الكاميرا',
  'camera.option': 'الكاميرا {number}',
  'video.label': 'معاينة الكاميرا',
  'error.title': 'حدث خطأ ما',
  'error.camera-denied':
    'تم حظر الوصول إلى الكاميرا. يُرجى السماح باستخدام الكاميرا في إعدادات المتصفح، ثم إعادة المحاولة.',
  'error.camera-not-found': 'لم يتم العثور على أي كاميرا. يُرجى توصيل كاميرا وإعادة المحاولة.',
  'error.camera-in-use': 'الكاميرا قيد الاستخدام من تطبيق آخر. يُرجى إغلاقه وإعادة المحاولة.',
  'error.camera-ended': 'توقفت الكاميرا. يُرجى إعادة المحاولة.',
  'error.unsupported-browser': 'لا يمكن لهذا المتصفح استخدام الكاميرا هنا. يُرجى تجربة متصفح محدَّث.',
  'error.model-load-failed': 'تعذّر تحميل إرشادات ضبط الوجه.',
  'error.capture-failed': 'تعذّر التقاط الصورة. يُرجى إعادة المحاولة.',
  'error.token-missing': 'هذه الصفحة غير مهيَّأة لإجراء التحقق (رمز الوصول مفقود).',
  'error.token-expired': 'انتهت صلاحية عملية التحقق هذه. يُرجى إعادة تحميل الصفحة للبدء من جديد.',
  'error.token-rejected': 'لم تعد عملية التحقق هذه صالحة. يُرجى إعادة تحميل الصفحة للبدء من جديد.',
  'error.upload-failed': 'تعذّر إرسال الصورة. يُرجى إعادة المحاولة.',
  'error.upload-rejected': 'لم تُقبَل الصورة. يُرجى إعادة المحاولة.',
  'error.check-failed': 'تعذّر إكمال عملية التحقق. يُرجى إعادة المحاولة.',
  'error.network': 'فشل الاتصال. يُرجى فحص اتصالك بالشبكة ثم إعادة المحاولة.',
};

export default messages;
