import type { Messages } from '../en.js';

/**
 * Malay (Bahasa Melayu, Malaysia) with "anda", as Malaysian banks and e-KYC flows write; Malaysian usage
 * ("kamera", "pelayar", "swafoto"). "bujur" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Letakkan wajah anda di dalam bujur',
  'hint.multiple-faces': 'Pastikan hanya anda yang kelihatan',
  'hint.low-confidence': 'Pastikan seluruh wajah anda kelihatan',
  'hint.too-far': 'Dekatkan diri anda',
  'hint.too-close': 'Undur sedikit',
  'hint.off-center': 'Letakkan wajah anda di tengah bujur',
  'hint.turned': 'Pandang terus ke kamera',
  'hint.tilted': 'Tegakkan kepala anda',
  'hint.too-dark': 'Cari tempat yang lebih terang',
  'hint.too-bright': 'Terlalu terang: jauhi cahaya terus',
  'hint.backlit': 'Cahaya berada di belakang anda: hadap ke arah cahaya',
  'hint.blurry': 'Jangan bergerak, gambar kabur',
  'hint.moving': 'Jangan bergerak',
  'hint.ok': 'Bagus, kekal tidak bergerak',
  'intro.title': 'Ambil swafoto ringkas',
  'intro.body':
    'Kami akan menggunakan kamera anda untuk memastikan anda benar-benar hadir. Tiada apa-apa dirakam sehingga wajah anda berada di dalam bujur.',
  'intro.start': 'Hidupkan kamera',
  'status.starting': 'Membuka kamera…',
  'status.loading': 'Menyediakan panduan wajah…',
  'status.capturing': 'Mengambil gambar…',
  'status.uploading': 'Menghantar dengan selamat…',
  'status.processing': 'Menyemak…',
  'status.done': 'Terima kasih, anda sudah selesai',
  'status.paused': 'Dijeda selagi halaman tersembunyi',
  'progress.label': 'Kemajuan pengambilan gambar',
  'manual.capture': 'Ambil foto',
  'manual.hint': 'Pengambilan automatik mengambil sedikit masa. Anda boleh mengambil foto sendiri.',
  'action.retry': 'Cuba lagi',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Pratonton kamera',
  'error.title': 'Ada yang tidak kena',
  'error.camera-denied': 'Akses kamera telah disekat. Benarkan kamera dalam tetapan pelayar anda, kemudian cuba lagi.',
  'error.camera-not-found': 'Tiada kamera ditemui. Sambungkan kamera dan cuba lagi.',
  'error.camera-in-use': 'Kamera anda sedang digunakan oleh aplikasi lain. Tutup aplikasi itu dan cuba lagi.',
  'error.camera-ended': 'Kamera berhenti. Cuba lagi.',
  'error.unsupported-browser': 'Pelayar ini tidak boleh menggunakan kamera di sini. Cuba pelayar yang terkini.',
  'error.model-load-failed': 'Panduan wajah tidak dapat dimuatkan.',
  'error.capture-failed': 'Foto tidak dapat diambil. Cuba lagi.',
  'error.token-missing': 'Halaman ini tidak disediakan untuk semakan (token tiada).',
  'error.token-expired': 'Semakan ini telah tamat tempoh. Muat semula halaman untuk bermula semula.',
  'error.token-rejected': 'Semakan ini tidak lagi sah. Muat semula halaman untuk bermula semula.',
  'error.upload-failed': 'Foto tidak dapat dihantar. Cuba lagi.',
  'error.upload-rejected': 'Foto tidak diterima. Cuba lagi.',
  'error.check-failed': 'Semakan tidak dapat diselesaikan. Cuba lagi.',
  'error.network': 'Sambungan gagal. Semak rangkaian anda dan cuba lagi.',
};

export default messages;
