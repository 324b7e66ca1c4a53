/**
 * Picks the strings for a language: exact tag, then its base language, then English, with the integrator's
 * per-key overrides on top. Locales register themselves in LOCALES.
 */
import { en, type MessageKey, type Messages } from './en.js';

export type { MessageKey, Messages };

export const LOCALES: Record<string, Partial<Messages>> = { en };

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

export interface Translator {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  t(key: MessageKey): string;
}

export function resolveLocale(lang: string | null | undefined): string {
  const wanted = (lang ?? '').trim().toLowerCase();
  if (!wanted) return 'en';
  const exact = Object.keys(LOCALES).find((tag) => tag.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('-')[0] ?? '';
  const sibling = Object.keys(LOCALES).find((tag) => tag.toLowerCase().split('-')[0] === base);
  return sibling ?? 'en';
}

export function createTranslator(lang: string | null | undefined, overrides: Partial<Messages> = {}): Translator {
  const locale = resolveLocale(lang);
  const messages = LOCALES[locale] ?? {};
  const base = locale.split('-')[0] ?? 'en';
  return {
    lang: locale,
    dir: RTL_LANGUAGES.has(base) ? 'rtl' : 'ltr',
    t: (key) => overrides[key] ?? messages[key] ?? en[key],
  };
}
