/**
 * Recognises in-app browsers and WebViews from the user agent. They are the one case a feature test cannot see:
 * getUserMedia exists there, and then fails, never prompts, or hangs. Apps mark their WebView in the user agent
 * (Instagram, FBAN/FBAV, MicroMessenger, Line/, …), and an Android WebView says `; wv)`.
 */
import type { InAppBrowser } from '../shared/support.js';

// Most specific first: Messenger's UA also carries FBAN, and every Android app's WebView also says `wv`.
const PATTERNS: ReadonlyArray<readonly [InAppBrowser, RegExp]> = [
  ['instagram', /\bInstagram\b/i],
  ['messenger', /FBAN\/Messenger|FB_IAB\/MESSENGER|\bMessengerForiOS\b|\bMessengerLite\b|\bOrca-Android\b/i],
  ['facebook', /\bFBAN\/|\bFBAV\/|\bFB_IAB\/|\bFBIOS\b|\bFB4A\b/i],
  ['wechat', /\bMicroMessenger\//i],
  ['line', /\bLine\/\d/i],
  ['tiktok', /\bmusical_ly|\bBytedanceWebview\b|\bTikTok\b|\btrill_\d/i],
  ['snapchat', /\bSnapchat\b/i],
  ['linkedin', /\bLinkedInApp\b/i],
  ['android-webview', /\bAndroid\b.*;\s*wv\)/i],
];

/** The in-app browser this user agent belongs to, or null for an ordinary browser. */
export function detectInAppBrowser(userAgent: string): InAppBrowser | null {
  for (const [name, pattern] of PATTERNS) if (pattern.test(userAgent)) return name;
  return null;
}

export function isAndroid(userAgent: string): boolean {
  return /\bAndroid\b/i.test(userAgent);
}

/**
 * An Android intent link that opens `url` in Chrome (Chrome's documented `intent://` syntax); null for a link
 * that is not http(s). The fallback URL keeps the person on the page when Chrome is not installed.
 */
export function chromeIntentUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const scheme = parsed.protocol.slice(0, -1);
  const rest = `${parsed.host}${parsed.pathname}${parsed.search}`;
  const fallback = encodeURIComponent(parsed.href);
  return `intent://${rest}#Intent;scheme=${scheme};package=com.android.chrome;S.browser_fallback_url=${fallback};end`;
}
