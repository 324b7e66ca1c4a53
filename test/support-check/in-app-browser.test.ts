import { describe, expect, it } from 'vitest';
import { SUPPORT_REASONS } from '../../src/shared/support.js';
import { checkSupport, supportResult } from '../../src/support/check-support.js';
import { chromeIntentUrl, detectInAppBrowser } from '../../src/support/in-app-browser.js';

// Real user agents as these apps send them (2023-2025 versions).
const IN_APP: ReadonlyArray<[string, string]> = [
  [
    'instagram',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 326.0.3.30.91 (iPhone14,5; iOS 17_4; en_US; en; scale=3.00; 1170x2532; 579339633)',
  ],
  [
    'instagram',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UD1A.231105.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 Instagram 312.1.0.34.111 Android (34/14; 420dpi; 1080x2400; Google/google; Pixel 8; shiba; shiba; en_US; 548323740)',
  ],
  [
    'facebook',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone13,2;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]',
  ],
  [
    'facebook',
    'Mozilla/5.0 (Linux; Android 13; SM-S911B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/442.0.0.32.113;]',
  ],
  [
    'messenger',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/Messenger;FBAV/436.0.0.35.105;FBBV/540152339;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.1]',
  ],
  [
    'messenger',
    'Mozilla/5.0 (Linux; Android 12; moto g(60) Build/S2RI32.32-20-9; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0.5993.111 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/433.0.0.33.118;]',
  ],
  [
    'wechat',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.33(0x18002129) NetType/WIFI Language/zh_CN',
  ],
  [
    'wechat',
    'Mozilla/5.0 (Linux; Android 10; HMA-AL00 Build/HUAWEIHMA-AL00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/86.0.4240.99 XWEB/4365 MMWEBSDK/20221012 Mobile Safari/537.36 MMWEBID/6170 MicroMessenger/8.0.30.2260(0x28001E3B) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  ],
  [
    'line',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.16.0',
  ],
  [
    'line',
    'Mozilla/5.0 (Linux; Android 13; SC-51C Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.163 Mobile Safari/537.36 Line/13.15.1/IAB',
  ],
  [
    'tiktok',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_32.5.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US',
  ],
  [
    'tiktok',
    'Mozilla/5.0 (Linux; Android 12; SM-A525F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/117.0.5938.60 Mobile Safari/537.36 trill_310304 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/trill app_version/31.3.4 ByteLocale/en BytedanceWebview/d8a21c6',
  ],
  [
    'snapchat',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/12.71.0.36 (like Safari/8617.2.4.10.8, panda)',
  ],
  [
    'linkedin',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.27.5574',
  ],
  [
    'android-webview',
    'Mozilla/5.0 (Linux; Android 14; SM-G998B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/121.0.6167.101 Mobile Safari/537.36',
  ],
];

// Ordinary browsers, which must never be sent away.
const BROWSERS: readonly string[] = [
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.6167.101 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/122.0.6261.89 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0',
  'Mozilla/5.0 (Android 14; Mobile; rv:123.0) Gecko/123.0 Firefox/123.0',
  'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 OPR/79.0.4195.76910',
];

describe('detectInAppBrowser', () => {
  it.each(IN_APP)('recognises %s', (name, userAgent) => {
    expect(detectInAppBrowser(userAgent)).toBe(name);
  });

  it.each(BROWSERS)('leaves an ordinary browser alone: %s', (userAgent) => {
    expect(detectInAppBrowser(userAgent)).toBeNull();
  });
});

describe('chromeIntentUrl', () => {
  it('opens the same https page in Chrome, falling back to the page', () => {
    const intent = chromeIntentUrl('https://example.com/kyc/start?session=a1#x');
    expect(intent).toBe(
      'intent://example.com/kyc/start?session=a1#Intent;scheme=https;package=com.android.chrome;' +
        `S.browser_fallback_url=${encodeURIComponent('https://example.com/kyc/start?session=a1#x')};end`,
    );
  });

  it('refuses anything but http(s)', () => {
    expect(chromeIntentUrl('javascript:alert(1)')).toBeNull();
    expect(chromeIntentUrl('not a url')).toBeNull();
  });
});

const CHROME = BROWSERS[0] ?? '';
const camera = { kind: 'videoinput', deviceId: '', groupId: '', label: '' } as MediaDeviceInfo;
const devices = (list: MediaDeviceInfo[]) => ({
  getUserMedia: () => Promise.reject(new Error('checkSupport must never open the camera')),
  enumerateDevices: async () => list,
});
const capable = {
  isSecureContext: true,
  userAgent: CHROME,
  mediaDevices: devices([camera]),
  policy: { allowsFeature: () => true },
  hasOffscreenCanvas: true,
  wasmSimd: true,
};

describe('checkSupport', () => {
  it('supports a capable browser with no reasons', async () => {
    expect(await checkSupport(capable)).toEqual({ supported: true, reasons: [] });
  });

  it('reports each reason with its stable code', async () => {
    expect((await checkSupport({ ...capable, isSecureContext: false })).reasons).toEqual(['insecure-context']);
    expect((await checkSupport({ ...capable, mediaDevices: undefined })).reasons).toEqual(['no-media-devices']);
    expect((await checkSupport({ ...capable, mediaDevices: devices([]) })).reasons).toEqual(['no-camera']);
    const blocked = { allowsFeature: (feature: string) => feature !== 'camera' };
    expect((await checkSupport({ ...capable, policy: blocked })).reasons).toEqual(['camera-blocked-by-policy']);
    expect((await checkSupport({ ...capable, wasmSimd: false })).reasons).toEqual(['no-wasm-simd']);
  });

  it('names the in-app browser', async () => {
    const [, instagram] = IN_APP[0] ?? ['', ''];
    expect(await checkSupport({ ...capable, userAgent: instagram })).toEqual({
      supported: false,
      reasons: ['in-app-browser'],
      inAppBrowser: 'instagram',
    });
  });

  it('treats a missing OffscreenCanvas as a warning only', async () => {
    expect(await checkSupport({ ...capable, hasOffscreenCanvas: false })).toEqual({
      supported: true,
      reasons: ['no-offscreen-canvas'],
    });
  });

  it('keeps a device listing that fails from looking like no camera', async () => {
    const refusing = { ...devices([]), enumerateDevices: () => Promise.reject(new Error('denied')) };
    expect((await checkSupport({ ...capable, mediaDevices: refusing })).reasons).toEqual([]);
  });

  it('orders the reasons as SUPPORT_REASONS does', () => {
    const all = supportResult(new Set([...SUPPORT_REASONS].reverse()), 'line');
    expect(all.reasons).toEqual([...SUPPORT_REASONS]);
    expect(all.supported).toBe(false);
  });
});
