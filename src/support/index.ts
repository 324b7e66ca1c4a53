/**
 * `liveness-check/support`: the support check on its own, without the element or Lit, so a page can decide
 * before loading the widget or creating a session.
 */
export { checkSupport, type SupportResult } from './check-support.js';
export { IN_APP_BROWSERS, SUPPORT_REASONS, type InAppBrowser, type SupportReason } from '../shared/support.js';
