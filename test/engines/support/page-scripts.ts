/**
 * What the engine tests run inside the page, as script bodies for EnginePage.run(). Plain JavaScript: it runs in
 * Firefox and WebKit as the driver sends it, outside the page's CSP. The element is the example page's own.
 */
import { DETECTOR_TEST_HOOKS_GLOBAL, type DetectorTestHooks } from '../../../src/capture/detector/test-hooks.js';

/** Waits for the example page to hand the element its token, then records the element's events on `window`. */
export const RECORD_EVENTS = `
  await customElements.whenDefined('liveness-check');
  const el = document.querySelector('liveness-check');
  for (let i = 0; i < 600 && !el.token; i++) await new Promise((r) => setTimeout(r, 50));
  if (!el.token) throw new Error('the page never received a capture token');
  window.__engineEvents = [];
  for (const type of ['liveness-ready', 'liveness-guidance', 'liveness-capture', 'liveness-submitted', 'liveness-complete', 'liveness-error']) {
    el.addEventListener(type, (event) => {
      const d = event.detail || {};
      // Blobs do not survive the trip to the driver; keep the report and the media's size and type.
      const detail = type === 'liveness-capture'
        ? { report: d.report, mediaType: d.media && d.media.type, mediaSize: d.media && d.media.size }
        : d;
      window.__engineEvents.push({ type, detail: JSON.parse(JSON.stringify(detail)) });
    });
  }
  return true;
`;

/** Sets element properties (JSON) and presses start. */
export function startWith(properties: Record<string, unknown>): string {
  return `
    const el = document.querySelector('liveness-check');
    Object.assign(el, ${JSON.stringify(properties)});
    void el.start();
    return true;
  `;
}

/** Resolves with the recorded events once `done` (a JS expression over `events`) holds, or throws after the wait. */
export function waitForEvents(done: string, timeoutMs = 90_000): string {
  return `
    const deadline = Date.now() + ${timeoutMs};
    for (;;) {
      const events = window.__engineEvents;
      if (${done}) return events;
      if (Date.now() > deadline) throw new Error('timed out waiting for ' + ${JSON.stringify(done)} + ': ' + JSON.stringify(events.map((e) => e.type)));
      await new Promise((r) => setTimeout(r, 100));
    }
  `;
}

/** Clicks the manual capture button once it is offered. */
export const CLICK_MANUAL_CAPTURE = `
  const el = document.querySelector('liveness-check');
  for (let i = 0; i < 1200; i++) {
    const button = el.shadowRoot.querySelector('[part~="capture-button"]');
    if (button) { button.click(); return true; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no manual capture button');
`;

/** The page's verdict line, once it shows one. */
export const VERDICT = `
  for (let i = 0; i < 600; i++) {
    const v = document.querySelector('#verdict');
    if (v && v.dataset.state !== 'ready' && v.dataset.state !== 'waiting') return v.textContent;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
`;

/** Takes capabilities away from the detector (src/capture/detector/test-hooks.ts) before the element starts. */
export function setDetectorHooks(hooks: DetectorTestHooks): string {
  return `window[${JSON.stringify(DETECTOR_TEST_HOOKS_GLOBAL)}] = ${JSON.stringify(hooks)}; return true;`;
}

/** Makes the next camera request fail as a browser does when the person refuses the permission. */
export function failCamera(name: 'NotAllowedError' | 'NotFoundError' | 'NotReadableError'): string {
  return `
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('from the engine test', ${JSON.stringify(name)}));
    return true;
  `;
}

/** axe-core over the element in its current screen; `axeSource` is axe.min.js, run as part of the script. */
export function axeScan(axeSource: string): string {
  return `
    ${axeSource}
    const result = await axe.run(document.querySelector('liveness-check'), { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  `;
}

/** What the backend tells the element before recording (GET /capture-options), read from the page like the element. */
export const CAPTURE_OPTIONS = `
  const el = document.querySelector('liveness-check');
  for (let i = 0; i < 600 && !el.token; i++) await new Promise((r) => setTimeout(r, 50));
  const base = el.endpoint.endsWith('/') ? el.endpoint : el.endpoint + '/';
  const response = await fetch(new URL('capture-options', base), { headers: { Authorization: 'Bearer ' + el.token } });
  return { status: response.status, body: await response.json() };
`;

/**
 * Records `ms` of the camera with the engine's own MediaRecorder (the first type among MP4 and WebM it claims),
 * takes a JPEG selfie from the same stream, and uploads both as the element would, with the page's capture token.
 * Also returns the page's token and, base64, the clip and the selfie, for uploads the test makes itself.
 */
export function recordAndUpload(ms: number): string {
  return `
    const el = document.querySelector('liveness-check');
    for (let i = 0; i < 600 && !el.token; i++) await new Promise((r) => setTimeout(r, 50));
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const type = ['video/mp4', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, { mimeType: type });
    const chunks = [];
    recorder.ondataavailable = (e) => { if (e.data.size > 0) chunks.push(e.data); };
    const stopped = new Promise((r) => (recorder.onstop = r));
    recorder.start(250);
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    await new Promise((r) => setTimeout(r, ${ms}));
    recorder.stop();
    await stopped;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0);
    const selfie = await new Promise((r) => canvas.toBlob(r, 'image/jpeg', 0.9));
    for (const track of stream.getTracks()) track.stop();
    const media = new Blob(chunks, { type: type.split(';')[0] });
    const portrait = canvas.height > canvas.width;
    const report = {
      version: 1, mode: 'video', automatic: true,
      tags: ['video_selfie', 'video_selfie_blank', portrait ? 'orientation_portrait' : 'orientation_landscape'],
      frame: { width: canvas.width, height: canvas.height }, face: null, metrics: {},
      elapsedMs: ${ms}, frameCount: Math.round(${ms} / 1000 * 30), capturedAt: new Date().toISOString(),
    };
    const body = new FormData();
    body.append('media', media, media.type === 'video/mp4' ? 'clip.mp4' : 'clip.webm');
    body.append('selfie', selfie, 'selfie.jpg');
    body.append('report', JSON.stringify(report));
    const base = el.endpoint.endsWith('/') ? el.endpoint : el.endpoint + '/';
    const response = await fetch(new URL('checks', base), {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + el.token, 'Idempotency-Key': crypto.randomUUID() },
      body,
    });
    const base64 = async (blob) => {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    };
    return {
      mediaType: media.type, mediaSize: media.size, status: response.status, body: await response.json(),
      token: el.token, media: await base64(media), selfie: await base64(selfie),
      frame: { width: canvas.width, height: canvas.height },
    };
  `;
}
