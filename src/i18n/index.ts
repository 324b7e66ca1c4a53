/**
 * The element's texts in its language. English is built in and is the fallback for every key; every other
 * language loads on demand (catalog.ts), and the integrator's per-key `strings` win over both.
 *
 *   const translator = await loadTranslator('ja');       // loads the Japanese chunk once
 *   translator.t('camera.option', { number: 2 });         // "カメラ 2", the number through Intl.NumberFormat
 */
import { LOCALE_LOADERS, SHIPPED_LOCALES, type LocaleLoader, type ShippedLocale } from './catalog.js';
import { en, type MessageKey, type Messages } from './en.js';
import { formatCountdown, formatDuration, formatMessage, formatNumber, type MessageValues } from './format.js';
import { directionOf, normalizeTag, resolveLocale as resolveAmong } from './resolve.js';

export type { MessageKey, Messages, MessageValues, ShippedLocale };
export { SHIPPED_LOCALES };
export { LocaleController, requestedLanguages } from './controller.js';

export interface Translator {
  /** The locale whose texts are shown (`en` while another one is still loading or failed to load). */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  t(key: MessageKey, values?: MessageValues): string;
  formatNumber(value: number): string;
  /** Milliseconds as a duration ("5 seconds"). */
  formatDuration(ms: number): string;
  /** Milliseconds as a countdown ("in 5 seconds"). */
  formatCountdown(ms: number): string;
}

const loaders = new Map<string, LocaleLoader>(Object.entries(LOCALE_LOADERS));
const loaded = new Map<string, Partial<Messages>>([['en', en]]);
const loading = new Map<string, Promise<Partial<Messages>>>();

/** Every tag a page can get: the shipped ones and any the integrator registered. */
export function availableLocales(): string[] {
  return [...new Set(['en', ...loaders.keys(), ...loaded.keys()])];
}

/** The locale the element shows for `lang` (or the first match in a list of tags); English when none matches. */
export function resolveLocale(lang: string | null | undefined | readonly string[]): string {
  return resolveAmong(lang, availableLocales());
}

/**
 * Adds a language, or replaces a shipped one: its strings, or a function that imports them (so it loads only when
 * a page asks for it). Keys it lacks fall back to English. The tag must be a valid BCP 47 tag.
 */
export function registerLocale(tag: string, messages: Partial<Messages> | LocaleLoader): void {
  const normalized = normalizeTag(tag);
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(normalized)[0];
  } catch {
    canonical = undefined;
  }
  if (!canonical) throw new RangeError(`registerLocale: "${tag}" is not a BCP 47 language tag (e.g. "sw" or "pt-AO")`);
  loading.delete(canonical);
  if (typeof messages === 'function') {
    loaded.delete(canonical);
    loaders.set(canonical, messages);
  } else {
    loaders.delete(canonical);
    loaded.set(canonical, messages);
  }
}

/** The strings of a locale if they are already here, without loading anything. */
export function loadedMessages(tag: string): Partial<Messages> | undefined {
  return loaded.get(tag);
}

/** Loads a locale's chunk once; rejects when it cannot be fetched or the tag is unknown. */
export function loadLocale(tag: string): Promise<Partial<Messages>> {
  const ready = loaded.get(tag);
  if (ready) return Promise.resolve(ready);
  const pending = loading.get(tag);
  if (pending) return pending;
  const loader = loaders.get(tag);
  if (!loader) return Promise.reject(new Error(`no locale "${tag}" is shipped or registered`));
  const load = loader().then(
    (module) => {
      loaded.set(tag, module.default);
      return module.default;
    },
    (error: unknown) => {
      // Forget the failure so a later request (the network may be back) tries again.
      loading.delete(tag);
      throw error;
    },
  );
  loading.set(tag, load);
  return load;
}

/**
 * A translator from what is loaded now: the resolved locale if its chunk is here, English otherwise (so the
 * reported `lang` and `dir` always match the text shown). Use `loadTranslator` to wait for the chunk.
 */
export function createTranslator(
  lang: string | null | undefined | readonly string[],
  overrides: Partial<Messages> = {},
): Translator {
  const wanted = resolveLocale(lang);
  const messages = loaded.get(wanted);
  return messages ? translator(wanted, messages, overrides) : translator('en', en, overrides);
}

/** Loads the locale for `lang`, then translates; English (with a console warning) when its chunk fails. */
export async function loadTranslator(
  lang: string | null | undefined | readonly string[],
  overrides: Partial<Messages> = {},
): Promise<Translator> {
  const wanted = resolveLocale(lang);
  try {
    return translator(wanted, await loadLocale(wanted), overrides);
  } catch (error) {
    warnLoadFailed(wanted, error);
    return translator('en', en, overrides);
  }
}

export function warnLoadFailed(tag: string, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(`<liveness-check>: the "${tag}" texts could not be loaded (${reason}); showing English.`);
}

function translator(lang: string, messages: Partial<Messages>, overrides: Partial<Messages>): Translator {
  return {
    lang,
    dir: directionOf(lang),
    t: (key, values) => formatMessage(overrides[key] ?? messages[key] ?? en[key], values, lang),
    formatNumber: (value) => formatNumber(value, lang),
    formatDuration: (ms) => formatDuration(ms, lang),
    formatCountdown: (ms) => formatCountdown(ms, lang),
  };
}
