import type { Messages } from '../en.js';

/**
 * Hindi with the respectful "आप" and its polite imperatives ("रखें", "आएँ"), the danda "।" as full stop, and
 * everyday words Indian apps use (कैमरा, सेल्फ़ी, ब्राउज़र) rather than coined Sanskrit terms. "अंडाकार" is the oval
 * throughout.
 */
const messages: Messages = {
  'hint.no-face': 'अपना चेहरा अंडाकार के अंदर रखें',
  'hint.multiple-faces': 'पक्का करें कि फ़्रेम में सिर्फ़ आप हों',
  'hint.low-confidence': 'पक्का करें कि आपका पूरा चेहरा दिख रहा हो',
  'hint.too-far': 'थोड़ा पास आएँ',
  'hint.too-close': 'थोड़ा पीछे हटें',
  'hint.off-center': 'अपना चेहरा अंडाकार के बीच में लाएँ',
  'hint.turned': 'सीधे कैमरे की ओर देखें',
  'hint.tilted': 'अपना सिर सीधा रखें',
  'hint.too-dark': 'ज़्यादा रोशनी वाली जगह पर जाएँ',
  'hint.too-bright': 'रोशनी बहुत तेज़ है: सीधी रोशनी से हटें',
  'hint.backlit': 'रोशनी आपके पीछे है: रोशनी की ओर मुँह करें',
  'hint.blurry': 'स्थिर रहें, तस्वीर धुंधली है',
  'hint.moving': 'स्थिर रहें',
  'hint.ok': 'बहुत बढ़िया, स्थिर रहें',
  'intro.title': 'एक झटपट सेल्फ़ी लें',
  'intro.body': 'हम आपके कैमरे से यह जाँचेंगे कि आप मौजूद हैं। जब तक आपका चेहरा अंडाकार के अंदर नहीं आता, कुछ भी रिकॉर्ड नहीं होता।',
  'intro.start': 'कैमरा शुरू करें',
  'status.starting': 'कैमरा खुल रहा है…',
  'status.loading': 'चेहरे का मार्गदर्शन तैयार हो रहा है…',
  'status.capturing': 'तस्वीर ली जा रही है…',
  'status.uploading': 'सुरक्षित रूप से भेजा जा रहा है…',
  'status.processing': 'जाँच हो रही है…',
  'status.done': 'धन्यवाद, काम पूरा हुआ',
  'status.paused': 'पेज छिपा होने तक रुका हुआ है',
  'progress.label': 'तस्वीर लेने की प्रगति',
  'manual.capture': 'तस्वीर लें',
  'manual.hint': 'अपने-आप तस्वीर लेने में समय लग रहा है। आप खुद तस्वीर ले सकते हैं।',
  'action.retry': 'फिर से कोशिश करें',
  'camera.label': 'कैमरा',
  'camera.option': 'कैमरा {number}',
  'video.label': 'कैमरे का प्रीव्यू',
  'error.title': 'कुछ गड़बड़ हो गई',
  'error.camera-denied': 'कैमरे की अनुमति रोक दी गई है। ब्राउज़र की सेटिंग में कैमरे की अनुमति दें, फिर से कोशिश करें।',
  'error.camera-not-found': 'कोई कैमरा नहीं मिला। कैमरा जोड़ें और फिर से कोशिश करें।',
  'error.camera-in-use': 'आपका कैमरा किसी दूसरे ऐप में इस्तेमाल हो रहा है। उसे बंद करें और फिर से कोशिश करें।',
  'error.camera-ended': 'कैमरा बंद हो गया। फिर से कोशिश करें।',
  'error.unsupported-browser': 'यह ब्राउज़र यहाँ कैमरा इस्तेमाल नहीं कर सकता। कोई अपडेट किया हुआ ब्राउज़र आज़माएँ।',
  'error.model-load-failed': 'चेहरे का मार्गदर्शन लोड नहीं हो सका।',
  'error.capture-failed': 'तस्वीर नहीं ली जा सकी। फिर से कोशिश करें।',
  'error.token-missing': 'यह पेज जाँच के लिए सेट नहीं है (टोकन मौजूद नहीं है)।',
  'error.token-expired': 'इस जाँच की समय-सीमा खत्म हो गई है। फिर से शुरू करने के लिए पेज रीलोड करें।',
  'error.token-rejected': 'यह जाँच अब मान्य नहीं है। फिर से शुरू करने के लिए पेज रीलोड करें।',
  'error.upload-failed': 'तस्वीर भेजी नहीं जा सकी। फिर से कोशिश करें।',
  'error.upload-rejected': 'तस्वीर स्वीकार नहीं की गई। फिर से कोशिश करें।',
  'error.check-failed': 'जाँच पूरी नहीं हो सकी। फिर से कोशिश करें।',
  'error.network': 'कनेक्शन नहीं हो पाया। अपना नेटवर्क जाँचें और फिर से कोशिश करें।',
};

export default messages;
