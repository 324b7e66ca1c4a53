import type { Messages } from '../en.js';

/**
 * Urdu with the respectful "آپ" and its polite imperatives ("رکھیں", "آئیں"), Urdu punctuation (the full stop
 * "۔" and the comma "،") and no Latin script. "بیضوی خانہ" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'اپنا چہرہ بیضوی خانے کے اندر رکھیں',
  'hint.multiple-faces': 'یقینی بنائیں کہ تصویر میں صرف آپ ہیں',
  'hint.low-confidence': 'یقینی بنائیں کہ آپ کا پورا چہرہ نظر آ رہا ہے',
  'hint.too-far': 'قریب آئیں',
  'hint.too-close': 'تھوڑا پیچھے ہٹیں',
  'hint.off-center': 'اپنا چہرہ بیضوی خانے کے بیچ میں رکھیں',
  'hint.turned': 'سیدھا کیمرے کی طرف دیکھیں',
  'hint.tilted': 'اپنا سر سیدھا رکھیں',
  'hint.too-dark': 'زیادہ روشنی والی جگہ پر جائیں',
  'hint.too-bright': 'روشنی بہت تیز ہے: براہِ راست روشنی سے ہٹ جائیں',
  'hint.backlit': 'روشنی آپ کے پیچھے ہے: روشنی کی طرف رخ کریں',
  'hint.blurry': 'ساکن رہیں، تصویر دھندلی ہے',
  'hint.moving': 'ساکن رہیں',
  'hint.ok': 'بہت خوب، ساکن رہیں',
  'intro.title': 'ایک فوری سیلفی لیں',
  'intro.body':
    'ہم آپ کا کیمرا استعمال کر کے تصدیق کریں گے کہ آپ موجود ہیں۔ جب تک آپ کا چہرہ بیضوی خانے کے اندر نہ ہو، کچھ بھی ریکارڈ نہیں کیا جاتا۔',
  'intro.start': 'کیمرا شروع کریں',
  'status.starting': 'کیمرا کھولا جا رہا ہے…',
  'status.loading': 'چہرے کی رہنمائی تیار کی جا رہی ہے…',
  'status.capturing': 'تصویر لی جا رہی ہے…',
  'status.uploading': 'محفوظ طریقے سے بھیجا جا رہا ہے…',
  'status.processing': 'جانچ کی جا رہی ہے…',
  'status.done': 'شکریہ، عمل مکمل ہو گیا',
  'status.paused': 'صفحہ چھپا ہونے تک موقوف ہے',
  'progress.label': 'تصویر لینے کی پیش رفت',
  'manual.capture': 'تصویر لیں',
  'manual.hint': 'خودکار تصویر میں کچھ وقت لگ رہا ہے۔ آپ خود تصویر لے سکتے ہیں۔',
  'action.retry': 'دوبارہ کوشش کریں',
  'camera.label': 'کیمرا',
  'camera.option': 'کیمرا {number}',
  'video.label': 'کیمرے کا پیش منظر',
  'error.title': 'کچھ غلط ہو گیا',
  'error.camera-denied': 'کیمرے تک رسائی روک دی گئی۔ براؤزر کی ترتیبات میں کیمرے کی اجازت دیں، پھر دوبارہ کوشش کریں۔',
  'error.camera-not-found': 'کوئی کیمرا نہیں ملا۔ کیمرا لگائیں اور دوبارہ کوشش کریں۔',
  'error.camera-in-use': 'آپ کا کیمرا کسی اور ایپ کے استعمال میں ہے۔ اسے بند کریں اور دوبارہ کوشش کریں۔',
  'error.camera-ended': 'کیمرا بند ہو گیا۔ دوبارہ کوشش کریں۔',
  'error.unsupported-browser': 'یہ براؤزر یہاں کیمرا استعمال نہیں کر سکتا۔ کوئی تازہ ترین براؤزر آزمائیں۔',
  'error.model-load-failed': 'چہرے کی رہنمائی لوڈ نہیں ہو سکی۔',
  'error.capture-failed': 'تصویر نہیں لی جا سکی۔ دوبارہ کوشش کریں۔',
  'error.token-missing': 'یہ صفحہ تصدیق کے لیے ترتیب نہیں دیا گیا (ٹوکن موجود نہیں)۔',
  'error.token-expired': 'اس تصدیق کی مدت ختم ہو گئی ہے۔ دوبارہ شروع کرنے کے لیے صفحہ ری لوڈ کریں۔',
  'error.token-rejected': 'یہ تصدیق اب درست نہیں رہی۔ دوبارہ شروع کرنے کے لیے صفحہ ری لوڈ کریں۔',
  'error.upload-failed': 'تصویر نہیں بھیجی جا سکی۔ دوبارہ کوشش کریں۔',
  'error.upload-rejected': 'تصویر قبول نہیں کی گئی۔ دوبارہ کوشش کریں۔',
  'error.check-failed': 'تصدیق مکمل نہیں ہو سکی۔ دوبارہ کوشش کریں۔',
  'error.network': 'کنکشن ناکام ہو گیا۔ اپنا نیٹ ورک چیک کریں اور دوبارہ کوشش کریں۔',
};

export default messages;
