import type { Messages } from '../en.js';

/**
 * Thai in the polite written register of Thai banking apps ("กรุณา…" for requests), without the spoken
 * particles ครับ/ค่ะ, which would give the product a gender. Thai separates clauses with spaces, not commas.
 * "กรอบวงรี" is the oval throughout.
 */
const messages: Messages = {
  'hint.no-face': 'กรุณาวางใบหน้าให้อยู่ในกรอบวงรี',
  'hint.multiple-faces': 'ตรวจสอบให้แน่ใจว่ามีเพียงคุณในภาพ',
  'hint.low-confidence': 'ตรวจสอบให้แน่ใจว่าเห็นใบหน้าทั้งหมด',
  'hint.too-far': 'ขยับเข้ามาใกล้อีกนิด',
  'hint.too-close': 'ถอยออกไปอีกนิด',
  'hint.off-center': 'จัดใบหน้าให้อยู่กลางกรอบวงรี',
  'hint.turned': 'มองตรงไปที่กล้อง',
  'hint.tilted': 'ตั้งศีรษะให้ตรง',
  'hint.too-dark': 'กรุณาหาที่ที่มีแสงสว่างมากขึ้น',
  'hint.too-bright': 'สว่างเกินไป กรุณาหลบแสงที่ส่องตรง',
  'hint.backlit': 'แสงอยู่ด้านหลังคุณ กรุณาหันหน้าเข้าหาแสง',
  'hint.blurry': 'อยู่นิ่งๆ ภาพยังไม่ชัด',
  'hint.moving': 'กรุณาอยู่นิ่งๆ',
  'hint.ok': 'ดีมาก อยู่นิ่งๆ ไว้',
  'intro.title': 'ถ่ายเซลฟีสั้นๆ',
  'intro.body': 'เราจะใช้กล้องของคุณเพื่อยืนยันว่าคุณอยู่ที่นี่จริง ระบบจะไม่บันทึกสิ่งใดจนกว่าใบหน้าของคุณจะอยู่ในกรอบวงรี',
  'intro.start': 'เปิดกล้อง',
  'status.starting': 'กำลังเปิดกล้อง…',
  'status.loading': 'กำลังเตรียมตัวช่วยจัดใบหน้า…',
  'status.capturing': 'กำลังถ่ายภาพ…',
  'status.uploading': 'กำลังส่งอย่างปลอดภัย…',
  'status.processing': 'กำลังตรวจสอบ…',
  'status.done': 'ขอบคุณ เสร็จเรียบร้อยแล้ว',
  'status.paused': 'หยุดชั่วคราวขณะที่หน้าเว็บถูกซ่อน',
  'progress.label': 'ความคืบหน้าการถ่ายภาพ',
  'manual.capture': 'ถ่ายภาพ',
  'manual.hint': 'การถ่ายภาพอัตโนมัติใช้เวลานานกว่าปกติ คุณสามารถกดถ่ายภาพเองได้',
  'action.retry': 'ลองอีกครั้ง',
  'camera.label': 'กล้อง',
  'camera.option': 'กล้อง {number}',
  'video.label': 'ภาพตัวอย่างจากกล้อง',
  'error.title': 'เกิดข้อผิดพลาด',
  'error.camera-denied': 'การเข้าถึงกล้องถูกบล็อก กรุณาอนุญาตให้ใช้กล้องในการตั้งค่าเบราว์เซอร์ แล้วลองอีกครั้ง',
  'error.camera-not-found': 'ไม่พบกล้อง กรุณาเชื่อมต่อกล้องแล้วลองอีกครั้ง',
  'error.camera-in-use': 'แอปอื่นกำลังใช้กล้องอยู่ กรุณาปิดแอปนั้นแล้วลองอีกครั้ง',
  'error.camera-ended': 'กล้องหยุดทำงาน กรุณาลองอีกครั้ง',
  'error.unsupported-browser': 'เบราว์เซอร์นี้ใช้กล้องในหน้านี้ไม่ได้ กรุณาลองใช้เบราว์เซอร์เวอร์ชันล่าสุด',
  'error.model-load-failed': 'โหลดตัวช่วยจัดใบหน้าไม่สำเร็จ',
  'error.capture-failed': 'ถ่ายภาพไม่สำเร็จ กรุณาลองอีกครั้ง',
  'error.token-missing': 'หน้านี้ยังไม่ได้ตั้งค่าสำหรับการตรวจสอบ (ไม่มีโทเค็น)',
  'error.token-expired': 'การตรวจสอบนี้หมดอายุแล้ว กรุณาโหลดหน้านี้ใหม่เพื่อเริ่มต้นอีกครั้ง',
  'error.token-rejected': 'การตรวจสอบนี้ใช้ไม่ได้แล้ว กรุณาโหลดหน้านี้ใหม่เพื่อเริ่มต้นอีกครั้ง',
  'error.upload-failed': 'ส่งภาพไม่สำเร็จ กรุณาลองอีกครั้ง',
  'error.upload-rejected': 'ภาพไม่ผ่านการตรวจรับ กรุณาลองอีกครั้ง',
  'error.check-failed': 'ตรวจสอบไม่สำเร็จ กรุณาลองอีกครั้ง',
  'error.network': 'การเชื่อมต่อล้มเหลว กรุณาตรวจสอบเครือข่ายแล้วลองอีกครั้ง',
};

export default messages;
