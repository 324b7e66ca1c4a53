import type { Messages } from '../en.js';

/**
 * Indonesian with the formal "Anda", as Indonesian banks and e-KYC flows write, and short imperatives.
 * "oval" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Posisikan wajah Anda di dalam oval',
  'hint.multiple-faces': 'Pastikan hanya Anda yang terlihat',
  'hint.low-confidence': 'Pastikan seluruh wajah Anda terlihat',
  'hint.too-far': 'Dekatkan wajah Anda',
  'hint.too-close': 'Mundur sedikit',
  'hint.off-center': 'Posisikan wajah Anda di tengah oval',
  'hint.turned': 'Lihat lurus ke kamera',
  'hint.tilted': 'Tegakkan kepala Anda',
  'hint.too-dark': 'Cari tempat yang lebih terang',
  'hint.too-bright': 'Terlalu terang: jauhi cahaya langsung',
  'hint.backlit': 'Cahaya ada di belakang Anda: hadapkan wajah ke arah cahaya',
  'hint.blurry': 'Jangan bergerak, gambar buram',
  'hint.moving': 'Jangan bergerak',
  'hint.ok': 'Bagus, tetap diam',
  'intro.title': 'Ambil swafoto singkat',
  'intro.body':
    'Kami akan menggunakan kamera Anda untuk memastikan Anda benar-benar hadir. Tidak ada yang direkam sebelum wajah Anda berada di dalam oval.',
  'intro.start': 'Nyalakan kamera',
  'status.starting': 'Membuka kamera…',
  'status.loading': 'Menyiapkan panduan wajah…',
  'status.capturing': 'Mengambil gambar…',
  'status.uploading': 'Mengirim dengan aman…',
  'status.processing': 'Memeriksa…',
  'status.done': 'Terima kasih, selesai',
  'status.paused': 'Dijeda selama halaman tersembunyi',
  'progress.label': 'Progres pengambilan gambar',
  'manual.capture': 'Ambil foto',
  'manual.hint': 'Pengambilan otomatis memerlukan waktu lebih lama. Anda dapat mengambil foto sendiri.',
  'action.retry': 'Coba lagi',
  'camera.label': 'Kamera',
  'camera.option': 'Kamera {number}',
  'video.label': 'Pratinjau kamera',
  'error.title': 'Terjadi kesalahan',
  'error.camera-denied': 'Akses kamera diblokir. Izinkan kamera di pengaturan browser Anda, lalu coba lagi.',
  'error.camera-not-found': 'Kamera tidak ditemukan. Sambungkan kamera, lalu coba lagi.',
  'error.camera-in-use': 'Kamera Anda sedang digunakan aplikasi lain. Tutup aplikasi tersebut, lalu coba lagi.',
  'error.camera-ended': 'Kamera berhenti. Coba lagi.',
  'error.unsupported-browser': 'Browser ini tidak dapat menggunakan kamera di sini. Coba browser versi terbaru.',
  'error.model-load-failed': 'Panduan wajah tidak dapat dimuat.',
  'error.capture-failed': 'Foto tidak dapat diambil. Coba lagi.',
  'error.token-missing': 'Halaman ini belum disiapkan untuk verifikasi (token tidak ada).',
  'error.token-expired': 'Verifikasi ini sudah kedaluwarsa. Muat ulang halaman untuk memulai kembali.',
  'error.token-rejected': 'Verifikasi ini sudah tidak berlaku. Muat ulang halaman untuk memulai kembali.',
  'error.upload-failed': 'Foto tidak dapat dikirim. Coba lagi.',
  'error.upload-rejected': 'Foto tidak diterima. Coba lagi.',
  'error.check-failed': 'Verifikasi tidak dapat diselesaikan. Coba lagi.',
  'error.network': 'Koneksi gagal. Periksa jaringan Anda, lalu coba lagi.',
};

export default messages;
