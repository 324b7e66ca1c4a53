/**
 * Picks the strings for a language: exact tag, then its base language, then any regional variant of that base,
 * then English, with the integrator's per-key overrides on top. Locales register themselves in LOCALES.
 */
import { ar } from './ar.js';
import { de } from './de.js';
import { en, type MessageKey, type Messages } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ptBR } from './pt-BR.js';

export type { MessageKey, Messages };

export const LOCALES: Record<string, Partial<Messages>> = { en, es, fr, de, 'pt-BR': ptBR, ar };

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

export interface Translator {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  t(key: MessageKey): string;
}

export function resolveLocale(lang: string | null | undefined): string {
  // Some platforms report POSIX-style tags (pt_BR); BCP 47 uses hyphens.
  const wanted = (lang ?? '').trim().toLowerCase().replaceAll('_', '-');
  if (!wanted) return 'en';
  const tags = Object.keys(LOCALES);
  const exact = tags.find((tag) => tag.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('-')[0] ?? '';
  const baseTag = tags.find((tag) => tag.toLowerCase() === base);
  if (baseTag) return baseTag;
  // A regional variant beats English: a reader of pt-PT understands pt-BR far better than English.
  const sibling = tags.find((tag) => tag.toLowerCase().split('-')[0] === base);
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
