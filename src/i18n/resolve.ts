/**
 * Matching a requested language tag to a locale we have, and the text direction of a tag. Pure: the available
 * tags are an argument, so the rules are tested without loading a single locale.
 */
import { LANGUAGE_ALIASES, RTL_LANGUAGES, RTL_SCRIPTS, VARIANT_REGIONS } from './catalog.js';

interface Subtags {
  language: string;
  script: string;
  region: string;
}

const subtagCache = new Map<string, Subtags>();

/** Language, likely script and likely region (`zh-HK` → zh, Hant, HK; `pt` → pt, Latn, BR). */
function subtags(tag: string): Subtags {
  const cached = subtagCache.get(tag);
  if (cached) return cached;
  let result: Subtags;
  try {
    const max = new Intl.Locale(tag).maximize();
    result = { language: max.language, script: max.script ?? '', region: max.region ?? '' };
  } catch {
    // Not a valid BCP 47 tag (or no Intl.Locale): the first subtag is all we can trust.
    const [language = '', ...rest] = tag.toLowerCase().split('-');
    result = {
      language,
      script: '',
      region: rest.find((part) => /^([a-z]{2}|\d{3})$/.test(part))?.toUpperCase() ?? '',
    };
  }
  subtagCache.set(tag, result);
  return result;
}

/** Trims, accepts POSIX `pt_BR`, canonicalises the case (`ZH-hant-tw` → `zh-Hant-TW`) and old codes (`iw` → `he`). */
export function normalizeTag(lang: string | null | undefined): string {
  const raw = (lang ?? '').trim().replaceAll('_', '-');
  if (!raw) return '';
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(raw)[0] ?? raw;
  } catch {
    return raw.toLowerCase();
  }
  const [base = '', ...rest] = tag.split('-');
  const alias = LANGUAGE_ALIASES[base.toLowerCase()];
  return alias ? [alias, ...rest].join('-') : tag;
}

function baseOf(tag: string): string {
  return (tag.split('-')[0] ?? '').toLowerCase();
}

/**
 * The locale for a tag among `available`, or null: the exact tag; else, among the variants of its language, the
 * one in the same script and region, then one that serves the region (VARIANT_REGIONS), then the variant of the
 * bare language, then any variant in the same script, then any variant at all (a reader of one understands another
 * far better than English).
 */
export function matchLocale(lang: string | null | undefined, available: readonly string[]): string | null {
  const wanted = normalizeTag(lang);
  if (!wanted) return null;
  const lower = wanted.toLowerCase();
  const exact = available.find((tag) => tag.toLowerCase() === lower);
  if (exact) return exact;
  const base = baseOf(wanted);
  const variants = available.filter((tag) => baseOf(tag) === base);
  if (variants.length <= 1) return variants[0] ?? null;
  const want = subtags(wanted);
  const sameScript = variants.filter((tag) => subtags(tag).script === want.script);
  const pool = sameScript.length > 0 ? sameScript : variants;
  const defaultVariant = subtags(base);
  return (
    pool.find((tag) => subtags(tag).region === want.region) ??
    pool.find((tag) => VARIANT_REGIONS[tag]?.includes(want.region)) ??
    pool.find((tag) => tag.toLowerCase() === base) ??
    pool.find((tag) => subtags(tag).region === defaultVariant.region) ??
    pool[0] ??
    null
  );
}

/** The first of `languages` that matches a locale in `available`, else English. */
export function resolveLocale(
  languages: string | null | undefined | readonly string[],
  available: readonly string[],
): string {
  const list = typeof languages === 'string' || languages == null ? [languages] : languages;
  for (const lang of list) {
    const match = matchLocale(lang, available);
    if (match) return match;
  }
  return 'en';
}

export function directionOf(tag: string): 'ltr' | 'rtl' {
  const { script, language } = subtags(tag);
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
