import type { Messages } from '../en.js';

/**
 * Turkish with the polite plural imperative ("-in/-ın": "Yerleştirin", "Yaklaşın") that Turkish banks and e-Devlet
 * use. "oval" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Yüzünüzü ovalin içine yerleştirin',
  'hint.multiple-faces': 'Kadrede yalnızca sizin olduğunuzdan emin olun',
  'hint.low-confidence': 'Yüzünüzün tamamen göründüğünden emin olun',
  'hint.too-far': 'Biraz yaklaşın',
  'hint.too-close': 'Biraz uzaklaşın',
  'hint.off-center': 'Yüzünüzü ovalin ortasına getirin',
  'hint.turned': 'Doğrudan kameraya bakın',
  'hint.tilted': 'Başınızı dik tutun',
  'hint.too-dark': 'Daha aydınlık bir yer bulun',
  'hint.too-bright': 'Çok parlak: doğrudan ışıktan uzaklaşın',
  'hint.backlit': 'Işık arkanızda: yüzünüzü ışığa dönün',
  'hint.blurry': 'Sabit durun, görüntü bulanık',
  'hint.moving': 'Kıpırdamayın',
  'hint.ok': 'Harika, kıpırdamayın',
  'intro.title': 'Hızlı bir selfie çekin',
  'intro.body':
    'Orada olduğunuzu doğrulamak için kameranızı kullanacağız. Yüzünüz ovalin içine girene kadar hiçbir şey kaydedilmez.',
  'intro.start': 'Kamerayı başlat',
  'status.starting': 'Kamera açılıyor…',
  'status.loading': 'Yüz kılavuzu hazırlanıyor…',
  'status.capturing': 'Çekiliyor…',
  'status.uploading': 'Güvenli şekilde gönderiliyor…',
  'status.processing': 'Kontrol ediliyor…',
  'status.done': 'Teşekkürler, işlem tamamlandı',
  'status.paused': 'Sayfa gizliyken duraklatıldı',
  'progress.label': 'Çekim ilerlemesi',
  'manual.capture': 'Fotoğraf çek',
  'manual.hint': 'Otomatik çekim biraz uzun sürüyor. Fotoğrafı kendiniz çekebilirsiniz.',
  'action.retry': 'Tekrar dene',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Kamera önizlemesi',
  'error.title': 'Bir sorun oluştu',
  'error.camera-denied': 'Kamera erişimi engellendi. Tarayıcı ayarlarınızdan kameraya izin verin ve tekrar deneyin.',
  'error.camera-not-found': 'Kamera bulunamadı. Bir kamera bağlayın ve tekrar deneyin.',
  'error.camera-in-use': 'Kameranız başka bir uygulama tarafından kullanılıyor. Uygulamayı kapatın ve tekrar deneyin.',
  'error.camera-ended': 'Kamera durdu. Tekrar deneyin.',
  'error.unsupported-browser': 'Bu tarayıcı burada kamerayı kullanamıyor. Güncel bir tarayıcı deneyin.',
  'error.model-load-failed': 'Yüz kılavuzu yüklenemedi.',
  'error.capture-failed': 'Fotoğraf çekilemedi. Tekrar deneyin.',
  'error.token-missing': 'Bu sayfa doğrulama için ayarlanmamış (token eksik).',
  'error.token-expired': 'Bu doğrulamanın süresi doldu. Yeniden başlamak için sayfayı yenileyin.',
  'error.token-rejected': 'Bu doğrulama artık geçerli değil. Yeniden başlamak için sayfayı yenileyin.',
  'error.upload-failed': 'Fotoğraf gönderilemedi. Tekrar deneyin.',
  'error.upload-rejected': 'Fotoğraf kabul edilmedi. Tekrar deneyin.',
  'error.check-failed': 'Doğrulama tamamlanamadı. Tekrar deneyin.',
  'error.network': 'Bağlantı kurulamadı. Ağınızı kontrol edip tekrar deneyin.',
};

export default messages;
