import type { Messages } from '../en.js';

/**
 * Bengali (Bangla) with the respectful "আপনি" and its polite imperatives ("রাখুন", "আসুন"), the dari "।" as
 * full stop, and everyday loanwords Bangladeshi and Indian apps use (ক্যামেরা, সেলফি, ব্রাউজার).
 * "ডিম্বাকৃতি ঘর" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'আপনার মুখ ডিম্বাকৃতি ঘরের ভেতরে রাখুন',
  'hint.multiple-faces': 'নিশ্চিত করুন যে ছবিতে শুধু আপনি আছেন',
  'hint.low-confidence': 'নিশ্চিত করুন যে আপনার পুরো মুখ দেখা যাচ্ছে',
  'hint.too-far': 'আরেকটু কাছে আসুন',
  'hint.too-close': 'একটু পিছিয়ে যান',
  'hint.off-center': 'আপনার মুখ ডিম্বাকৃতি ঘরের মাঝখানে আনুন',
  'hint.turned': 'সরাসরি ক্যামেরার দিকে তাকান',
  'hint.tilted': 'মাথা সোজা রাখুন',
  'hint.too-dark': 'আরও আলো আছে এমন জায়গায় যান',
  'hint.too-bright': 'আলো খুব বেশি: সরাসরি আলো থেকে সরে যান',
  'hint.backlit': 'আলো আপনার পেছনে: আলোর দিকে মুখ করুন',
  'hint.blurry': 'স্থির থাকুন, ছবি ঝাপসা হচ্ছে',
  'hint.moving': 'স্থির থাকুন',
  'hint.eyes-covered': 'চোখ থেকে আড়াল সরান ও সানগ্লাস খুলুন',
  'hint.eyes-closed': 'চোখ খোলা রাখুন',
  'hint.mouth-covered': 'মুখ ও নাক থেকে আড়াল সরান',
  'hint.ok': 'চমৎকার, স্থির থাকুন',
  'intro.title': 'একটি দ্রুত সেলফি তুলুন',
  'intro.body':
    'আপনি উপস্থিত আছেন কি না তা যাচাই করতে আমরা আপনার ক্যামেরা ব্যবহার করব। আপনার মুখ ডিম্বাকৃতি ঘরের ভেতরে না আসা পর্যন্ত কিছুই রেকর্ড করা হয় না।',
  'intro.start': 'ক্যামেরা চালু করুন',
  'status.starting': 'ক্যামেরা চালু হচ্ছে…',
  'status.loading': 'মুখের নির্দেশনা প্রস্তুত হচ্ছে…',
  'status.capturing': 'ছবি তোলা হচ্ছে…',
  'status.uploading': 'নিরাপদে পাঠানো হচ্ছে…',
  'status.processing': 'যাচাই করা হচ্ছে…',
  'status.done': 'ধন্যবাদ, কাজ শেষ হয়েছে',
  'status.paused': 'পেজটি লুকানো থাকা পর্যন্ত বিরতি দেওয়া হয়েছে',
  'progress.label': 'ছবি তোলার অগ্রগতি',
  'manual.capture': 'ছবি তুলুন',
  'manual.hint': 'স্বয়ংক্রিয়ভাবে ছবি তুলতে সময় লাগছে। আপনি নিজেই ছবি তুলতে পারেন।',
  'action.retry': 'আবার চেষ্টা করুন',
  'camera.label': 'ক্যামেরা',
  'camera.option': 'ক্যামেরা {number}',
  'video.label': 'ক্যামেরার প্রিভিউ',
  'error.title': 'কোনো সমস্যা হয়েছে',
  'error.camera-denied': 'ক্যামেরার অ্যাক্সেস বন্ধ করা হয়েছে। ব্রাউজারের সেটিংসে ক্যামেরার অনুমতি দিন, তারপর আবার চেষ্টা করুন।',
  'error.camera-not-found': 'কোনো ক্যামেরা পাওয়া যায়নি। একটি ক্যামেরা সংযুক্ত করে আবার চেষ্টা করুন।',
  'error.camera-in-use': 'আপনার ক্যামেরা অন্য একটি অ্যাপ ব্যবহার করছে। সেটি বন্ধ করে আবার চেষ্টা করুন।',
  'error.camera-ended': 'ক্যামেরা বন্ধ হয়ে গেছে। আবার চেষ্টা করুন।',
  'error.unsupported-browser': 'এই ব্রাউজার এখানে ক্যামেরা ব্যবহার করতে পারে না। একটি হালনাগাদ ব্রাউজার ব্যবহার করে দেখুন।',
  'error.model-load-failed': 'মুখের নির্দেশনা লোড করা যায়নি।',
  'error.capture-failed': 'ছবি তোলা যায়নি। আবার চেষ্টা করুন।',
  'error.token-missing': 'এই পেজটি যাচাইয়ের জন্য সেট করা নেই (টোকেন নেই)।',
  'error.token-expired': 'এই যাচাইয়ের মেয়াদ শেষ হয়ে গেছে। আবার শুরু করতে পেজটি রিলোড করুন।',
  'error.token-rejected': 'এই যাচাই আর বৈধ নয়। আবার শুরু করতে পেজটি রিলোড করুন।',
  'error.upload-failed': 'ছবি পাঠানো যায়নি। আবার চেষ্টা করুন।',
  'error.upload-rejected': 'ছবিটি গ্রহণ করা হয়নি। আবার চেষ্টা করুন।',
  'error.check-failed': 'যাচাই সম্পন্ন করা যায়নি। আবার চেষ্টা করুন।',
  'error.network': 'সংযোগ ব্যর্থ হয়েছে। আপনার নেটওয়ার্ক পরীক্ষা করে আবার চেষ্টা করুন।',
};

export default messages;
