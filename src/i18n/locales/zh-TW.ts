import type { Messages } from '../en.js';

/**
 * Traditional Chinese for Taiwan (also served for zh-HK, zh-MO, zh-Hant): "請…" for instructions, full-width
 * punctuation (。，：) and Taiwan usage (相機, 瀏覽器, 應用程式, 網路), not a character conversion of zh-CN.
 * "橢圓框" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': '請將臉部對準橢圓框內',
  'hint.multiple-faces': '請確認畫面中只有您本人',
  'hint.low-confidence': '請確認整張臉都在畫面中',
  'hint.too-far': '請再靠近一點',
  'hint.too-close': '請稍微退後一點',
  'hint.off-center': '請將臉部移到橢圓框中央',
  'hint.turned': '請直視相機',
  'hint.tilted': '請保持頭部端正',
  'hint.too-dark': '請移到光線較充足的地方',
  'hint.too-bright': '光線太強：請避開直射光',
  'hint.backlit': '您正處於逆光：請面向光源',
  'hint.blurry': '請保持不動，畫面模糊',
  'hint.moving': '請保持不動',
  'hint.ok': '很好，請保持不動',
  'intro.title': '快速自拍一張',
  'intro.body': '我們會使用相機確認是您本人在場。在您的臉部進入橢圓框之前，不會錄製任何內容。',
  'intro.start': '開啟相機',
  'status.starting': '正在開啟相機…',
  'status.loading': '正在準備臉部引導…',
  'status.capturing': '正在拍攝…',
  'status.uploading': '正在安全傳送…',
  'status.processing': '正在驗證…',
  'status.done': '謝謝，已完成',
  'status.paused': '頁面隱藏期間已暫停',
  'progress.label': '拍攝進度',
  'manual.capture': '拍照',
  'manual.hint': '自動拍攝需要一點時間。您也可以自行拍照。',
  'action.retry': '再試一次',
  'camera.label': '相機',
  'camera.option': '相機 {number}',
  'video.label': '相機預覽',
  'error.title': '發生問題',
  'error.camera-denied': '相機存取已遭封鎖。請在瀏覽器設定中允許使用相機，然後再試一次。',
  'error.camera-not-found': '找不到相機。請連接相機後再試一次。',
  'error.camera-in-use': '相機正由其他應用程式使用中。請關閉該應用程式後再試一次。',
  'error.camera-ended': '相機已停止。請再試一次。',
  'error.unsupported-browser': '此瀏覽器無法在這裡使用相機。請改用最新版瀏覽器。',
  'error.model-load-failed': '無法載入臉部引導。',
  'error.capture-failed': '無法拍攝照片。請再試一次。',
  'error.token-missing': '此頁面尚未設定驗證（缺少權杖）。',
  'error.token-expired': '此次驗證已逾期。請重新整理頁面以重新開始。',
  'error.token-rejected': '此次驗證已失效。請重新整理頁面以重新開始。',
  'error.upload-failed': '無法傳送照片。請再試一次。',
  'error.upload-rejected': '照片未獲接受。請再試一次。',
  'error.check-failed': '無法完成驗證。請再試一次。',
  'error.network': '連線失敗。請檢查網路後再試一次。',
};

export default messages;
