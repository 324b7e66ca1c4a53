import type { Messages } from '../en.js';

/**
 * Vietnamese with "bạn" and the polite "Vui lòng…" for requests, as Vietnamese banking and e-KYC apps write.
 * "khung bầu dục" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'Vui lòng đặt khuôn mặt vào trong khung bầu dục',
  'hint.multiple-faces': 'Đảm bảo chỉ có một mình bạn trong khung hình',
  'hint.low-confidence': 'Đảm bảo toàn bộ khuôn mặt của bạn hiển thị rõ',
  'hint.too-far': 'Vui lòng lại gần hơn',
  'hint.too-close': 'Vui lòng lùi ra xa một chút',
  'hint.off-center': 'Đưa khuôn mặt vào giữa khung bầu dục',
  'hint.turned': 'Nhìn thẳng vào camera',
  'hint.tilted': 'Giữ đầu thẳng',
  'hint.too-dark': 'Vui lòng tìm nơi có nhiều ánh sáng hơn',
  'hint.too-bright': 'Quá sáng: tránh xa nguồn sáng trực tiếp',
  'hint.backlit': 'Nguồn sáng ở phía sau bạn: hãy quay mặt về phía ánh sáng',
  'hint.blurry': 'Giữ yên, hình ảnh đang bị mờ',
  'hint.moving': 'Vui lòng giữ yên',
  'hint.eyes-covered': 'Vui lòng không che mắt và tháo kính râm',
  'hint.eyes-closed': 'Vui lòng mở mắt',
  'hint.mouth-covered': 'Vui lòng không che miệng và mũi',
  'hint.ok': 'Tốt lắm, giữ yên nhé',
  'intro.title': 'Chụp nhanh một ảnh selfie',
  'intro.body':
    'Chúng tôi sẽ dùng camera để xác nhận bạn đang có mặt. Không có gì được ghi lại cho đến khi khuôn mặt bạn nằm trong khung bầu dục.',
  'intro.start': 'Bật camera',
  'status.starting': 'Đang mở camera…',
  'status.loading': 'Đang chuẩn bị hướng dẫn khuôn mặt…',
  'status.capturing': 'Đang chụp…',
  'status.uploading': 'Đang gửi an toàn…',
  'status.processing': 'Đang kiểm tra…',
  'status.done': 'Cảm ơn bạn, đã hoàn tất',
  'status.paused': 'Tạm dừng khi trang bị ẩn',
  'progress.label': 'Tiến trình chụp',
  'manual.capture': 'Chụp ảnh',
  'manual.hint': 'Chụp tự động đang mất nhiều thời gian. Bạn có thể tự chụp ảnh.',
  'action.retry': 'Thử lại',
  'camera.label': 'Camera',
  'camera.option': 'Camera {number}',
  'video.label': 'Xem trước camera',
  'error.title': 'Đã xảy ra lỗi',
  'error.camera-denied':
    'Quyền truy cập camera đã bị chặn. Vui lòng cho phép camera trong phần cài đặt trình duyệt rồi thử lại.',
  'error.camera-not-found': 'Không tìm thấy camera. Vui lòng kết nối camera rồi thử lại.',
  'error.camera-in-use': 'Camera đang được một ứng dụng khác sử dụng. Vui lòng đóng ứng dụng đó rồi thử lại.',
  'error.camera-ended': 'Camera đã dừng. Vui lòng thử lại.',
  'error.unsupported-browser': 'Trình duyệt này không thể dùng camera tại đây. Vui lòng thử trình duyệt mới nhất.',
  'error.model-load-failed': 'Không tải được hướng dẫn khuôn mặt.',
  'error.capture-failed': 'Không chụp được ảnh. Vui lòng thử lại.',
  'error.token-missing': 'Trang này chưa được thiết lập để xác minh (thiếu mã token).',
  'error.token-expired': 'Phiên xác minh này đã hết hạn. Vui lòng tải lại trang để bắt đầu lại.',
  'error.token-rejected': 'Phiên xác minh này không còn hợp lệ. Vui lòng tải lại trang để bắt đầu lại.',
  'error.upload-failed': 'Không gửi được ảnh. Vui lòng thử lại.',
  'error.upload-rejected': 'Ảnh không được chấp nhận. Vui lòng thử lại.',
  'error.check-failed': 'Không thể hoàn tất xác minh. Vui lòng thử lại.',
  'error.network': 'Kết nối thất bại. Vui lòng kiểm tra mạng rồi thử lại.',
};

export default messages;
