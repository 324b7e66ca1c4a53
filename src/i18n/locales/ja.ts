import type { Messages } from '../en.js';

/**
 * Japanese in the polite です/ます register with "〜してください" instructions, as Japanese banking and eKYC apps
 * write, full-width punctuation (。、：) and no spaces between words. "楕円" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': '顔を楕円の中に合わせてください',
  'hint.multiple-faces': 'ご本人だけが映るようにしてください',
  'hint.low-confidence': '顔全体が映るようにしてください',
  'hint.too-far': 'もう少し近づいてください',
  'hint.too-close': '少し離れてください',
  'hint.off-center': '顔を楕円の中央に合わせてください',
  'hint.turned': 'カメラをまっすぐ見てください',
  'hint.tilted': '頭をまっすぐにしてください',
  'hint.too-dark': 'もっと明るい場所に移動してください',
  'hint.too-bright': '明るすぎます：直射光を避けてください',
  'hint.backlit': '逆光です：光のほうを向いてください',
  'hint.blurry': '画像がぶれています。動かないでください',
  'hint.moving': '動かないでください',
  'hint.ok': 'そのまま動かないでください',
  'intro.title': 'セルフィーを撮影します',
  'intro.body': 'ご本人がその場にいることをカメラで確認します。顔が楕円の中に収まるまで、何も記録されません。',
  'intro.start': 'カメラを起動',
  'status.starting': 'カメラを起動しています…',
  'status.loading': '顔のガイドを準備しています…',
  'status.capturing': '撮影しています…',
  'status.uploading': '安全に送信しています…',
  'status.processing': '確認しています…',
  'status.done': 'ありがとうございました。完了です',
  'status.paused': 'ページが非表示の間は一時停止しています',
  'progress.label': '撮影の進行状況',
  'manual.capture': '撮影する',
  'manual.hint': '自動撮影に時間がかかっています。ご自身で撮影することもできます。',
  'action.retry': 'もう一度試す',
  'camera.label': 'カメラ',
  'camera.option': 'カメラ {number}',
  'video.label': 'カメラのプレビュー',
  'error.title': '問題が発生しました',
  'error.camera-denied':
    'カメラへのアクセスがブロックされました。ブラウザの設定でカメラを許可してから、もう一度お試しください。',
  'error.camera-not-found': 'カメラが見つかりません。カメラを接続して、もう一度お試しください。',
  'error.camera-in-use': 'カメラが別のアプリで使用されています。そのアプリを閉じて、もう一度お試しください。',
  'error.camera-ended': 'カメラが停止しました。もう一度お試しください。',
  'error.unsupported-browser': 'このブラウザではここでカメラを使用できません。最新のブラウザでお試しください。',
  'error.model-load-failed': '顔のガイドを読み込めませんでした。',
  'error.capture-failed': '撮影できませんでした。もう一度お試しください。',
  'error.token-missing': 'このページは確認用に設定されていません（トークンがありません）。',
  'error.token-expired': 'この確認の有効期限が切れました。ページを再読み込みして、最初からやり直してください。',
  'error.token-rejected': 'この確認は無効になりました。ページを再読み込みして、最初からやり直してください。',
  'error.upload-failed': '写真を送信できませんでした。もう一度お試しください。',
  'error.upload-rejected': '写真が受け付けられませんでした。もう一度お試しください。',
  'error.check-failed': '確認を完了できませんでした。もう一度お試しください。',
  'error.network': '接続に失敗しました。ネットワークを確認して、もう一度お試しください。',
};

export default messages;
