/**
 * The languages the package ships. English is built in; every other language is its own module, imported on
 * demand: each `import()` below is a separate file in dist/esm (a bundler turns it into its own chunk) and a
 * `chunks/locale-<tag>-<hash>.js` file in the CDN build, so the element's bundle carries only this table.
 * The calls are spelt out one by one, rather than built from the tag, so every bundler can see each file.
 */
import type { Messages } from './en.js';

export type LocaleModule = { default: Partial<Messages> };
export type LocaleLoader = () => Promise<LocaleModule>;

export const LOCALE_LOADERS = {
  ar: () => import('./locales/ar.js'),
  bg: () => import('./locales/bg.js'),
  bn: () => import('./locales/bn.js'),
  ca: () => import('./locales/ca.js'),
  cs: () => import('./locales/cs.js'),
  da: () => import('./locales/da.js'),
  de: () => import('./locales/de.js'),
  el: () => import('./locales/el.js'),
  'es-419': () => import('./locales/es-419.js'),
  'es-ES': () => import('./locales/es-ES.js'),
  et: () => import('./locales/et.js'),
  fa: () => import('./locales/fa.js'),
  fi: () => import('./locales/fi.js'),
  fil: () => import('./locales/fil.js'),
  fr: () => import('./locales/fr.js'),
  he: () => import('./locales/he.js'),
  hi: () => import('./locales/hi.js'),
  hr: () => import('./locales/hr.js'),
  hu: () => import('./locales/hu.js'),
  id: () => import('./locales/id.js'),
  it: () => import('./locales/it.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  lt: () => import('./locales/lt.js'),
  lv: () => import('./locales/lv.js'),
  ms: () => import('./locales/ms.js'),
  nb: () => import('./locales/nb.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  'pt-PT': () => import('./locales/pt-PT.js'),
  ro: () => import('./locales/ro.js'),
  ru: () => import('./locales/ru.js'),
  sk: () => import('./locales/sk.js'),
  sl: () => import('./locales/sl.js'),
  sr: () => import('./locales/sr.js'),
  sv: () => import('./locales/sv.js'),
  th: () => import('./locales/th.js'),
  tr: () => import('./locales/tr.js'),
  uk: () => import('./locales/uk.js'),
  ur: () => import('./locales/ur.js'),
  vi: () => import('./locales/vi.js'),
  'zh-CN': () => import('./locales/zh-CN.js'),
  'zh-TW': () => import('./locales/zh-TW.js'),
} satisfies Record<string, LocaleLoader>;

export type ShippedLocale = keyof typeof LOCALE_LOADERS | 'en';

/** Every shipped tag, English first. */
export const SHIPPED_LOCALES: readonly ShippedLocale[] = ['en', ...(Object.keys(LOCALE_LOADERS) as ShippedLocale[])];

/**
 * Regions a regional variant serves beyond its own, when a language ships in more than one. Spanish of the
 * Americas (UN M.49 419, plus the US) reads es-419; the Portuguese-speaking countries other than Brazil write
 * European Portuguese. Any other region takes the variant of the bare language (`es` → es-ES, `pt` → pt-BR,
 * `zh` → zh-CN), and a script decides between the Chinese variants (zh-HK, zh-Hant → zh-TW).
 */
export const VARIANT_REGIONS: Readonly<Record<string, readonly string[]>> = {
  'es-419': [
    '419',
    'AR',
    'BO',
    'CL',
    'CO',
    'CR',
    'CU',
    'DO',
    'EC',
    'GT',
    'HN',
    'MX',
    'NI',
    'PA',
    'PE',
    'PR',
    'PY',
    'SV',
    'US',
    'UY',
    'VE',
  ],
  'pt-PT': ['AO', 'CV', 'GQ', 'GW', 'LU', 'MO', 'MZ', 'ST', 'TL', 'CH'],
};

/** Old or macro-language codes browsers still send, mapped to the tag we ship for them. */
export const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  no: 'nb',
  nn: 'nb',
  tl: 'fil',
  iw: 'he',
  in: 'id',
  ji: 'yi',
  zsm: 'ms',
};

/** Scripts written right to left (ISO 15924); a language's direction is its likely script's. */
export const RTL_SCRIPTS: ReadonlySet<string> = new Set([
  'Arab',
  'Hebr',
  'Thaa',
  'Syrc',
  'Nkoo',
  'Adlm',
  'Rohg',
  'Mand',
  'Samr',
]);
/** Used where Intl.Locale cannot tell the script (an old engine, a private tag). */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set([
  'ar',
  'he',
  'fa',
  'ur',
  'ps',
  'sd',
  'ug',
  'yi',
  'dv',
  'ckb',
  'ks',
  'syr',
]);
