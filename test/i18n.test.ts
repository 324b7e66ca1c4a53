import { readFile } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCALE_LOADERS } from '../src/i18n/catalog.js';
import { en, type MessageKey, type Messages } from '../src/i18n/en.js';
import {
  formatCountdown,
  formatDuration,
  formatMessage,
  MessageSyntaxError,
  placeholdersOf,
  pluralCategories,
} from '../src/i18n/format.js';
import {
  createTranslator,
  loadedMessages,
  loadLocale,
  loadTranslator,
  registerLocale,
  resolveLocale,
  SHIPPED_LOCALES,
} from '../src/i18n/index.js';
import { directionOf, matchLocale } from '../src/i18n/resolve.js';

const ENGLISH_KEYS = (Object.keys(en) as MessageKey[]).sort();
const TRANSLATED = SHIPPED_LOCALES.filter((tag) => tag !== 'en');
// Strings this long are sentences: an identical copy means someone forgot to translate it.
const MIN_WORDS_FOR_COPY_CHECK = 3;

const loaded = new Map<string, Partial<Messages>>();
beforeAll(async () => {
  for (const tag of TRANSLATED) loaded.set(tag, await loadLocale(tag));
});

function messagesOf(tag: string): Partial<Messages> {
  const messages = loaded.get(tag);
  if (!messages) throw new Error(`locale ${tag} did not load`);
  return messages;
}

/** Text without its placeholders: `{number}` is a name, not Latin text in an Arabic string. */
function prose(text: string | undefined): string {
  return (text ?? '').replace(/\{[^{}]*\}/g, '');
}

describe('coverage', () => {
  it('ships at least 40 languages, English included', () => {
    expect(SHIPPED_LOCALES.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['the right-to-left languages', ['ar', 'he', 'fa', 'ur']],
    ['the regional variants', ['pt-BR', 'pt-PT', 'zh-CN', 'zh-TW', 'es-ES', 'es-419']],
    [
      'the most-used languages on the web',
      ['ru', 'ja', 'de', 'fr', 'it', 'tr', 'pl', 'nl', 'ko', 'vi', 'id', 'hi', 'uk'],
    ],
  ])('includes %s', (_what, tags) => {
    expect(tags.filter((tag) => !SHIPPED_LOCALES.includes(tag as never))).toEqual([]);
  });

  it('has one module per loader, and its file name is its tag', async () => {
    for (const [tag, load] of Object.entries(LOCALE_LOADERS)) {
      const module = await load();
      expect(module.default, tag).toBe(messagesOf(tag));
    }
  });
});

describe('every shipped locale', () => {
  it.each(TRANSLATED)('%s has exactly the English keys', (tag) => {
    expect(Object.keys(messagesOf(tag)).sort()).toEqual(ENGLISH_KEYS);
  });

  it.each(TRANSLATED)('%s has no empty string and no stray whitespace', (tag) => {
    const bad = Object.entries(messagesOf(tag)).filter(
      ([, text]) => !text?.trim() || text !== text.trim() || /\s{2}/.test(text),
    );
    expect(bad).toEqual([]);
  });

  it.each(TRANSLATED)('%s has the placeholders of English, each of the same kind', (tag) => {
    const messages = messagesOf(tag);
    const shape = (text: string) =>
      placeholdersOf(text)
        .map(({ name, kind }) => `${name}:${kind}`)
        .sort();
    const differing = ENGLISH_KEYS.filter(
      (key) => JSON.stringify(shape(messages[key] ?? '')) !== JSON.stringify(shape(en[key])),
    );
    expect(differing).toEqual([]);
  });

  it.each(TRANSLATED)('%s uses only plural categories its language has', (tag) => {
    const categories = new Set(pluralCategories(tag));
    const wrong = ENGLISH_KEYS.flatMap((key) =>
      placeholdersOf(messagesOf(tag)[key] ?? '')
        .filter((placeholder) => placeholder.kind === 'plural')
        .flatMap((placeholder) =>
          placeholder.categories.filter((c) => !c.startsWith('=') && !categories.has(c)).map((c) => `${key}:${c}`),
        ),
    );
    expect(wrong).toEqual([]);
  });

  it.each(TRANSLATED)('%s does not copy English sentences', (tag) => {
    const messages = messagesOf(tag);
    const copied = ENGLISH_KEYS.filter(
      (key) => en[key].split(/\s+/).length >= MIN_WORDS_FOR_COPY_CHECK && messages[key] === en[key],
    );
    expect(copied).toEqual([]);
  });

  it.each(TRANSLATED)('%s keeps the trailing ellipsis of progress statuses, and only there', (tag) => {
    const messages = messagesOf(tag);
    const mismatched = ENGLISH_KEYS.filter((key) => en[key].endsWith('…') !== (messages[key] ?? '').endsWith('…'));
    expect(mismatched).toEqual([]);
  });

  it.each(TRANSLATED)('%s formats every message without a syntax error', (tag) => {
    const translator = createTranslator(tag);
    for (const key of ENGLISH_KEYS) expect(() => translator.t(key, { number: 2 }), key).not.toThrow();
  });
});

describe('one word for the oval', () => {
  const OVAL_WORDS: Record<string, string> = {
    ar: 'الشكل البيضاوي',
    bg: 'овал',
    bn: 'ডিম্বাকৃতি ঘর',
    ca: 'oval',
    cs: 'ovál',
    da: 'ovalen',
    de: 'Oval',
    el: 'οβάλ',
    'es-419': 'óvalo',
    'es-ES': 'óvalo',
    et: 'ovaal',
    fa: 'بیضی',
    fi: 'soikio',
    fil: 'oval',
    fr: 'ovale',
    he: 'האליפסה',
    hi: 'अंडाकार',
    hr: 'oval',
    hu: 'ovális',
    id: 'oval',
    it: 'ovale',
    ja: '楕円',
    ko: '타원',
    lt: 'oval',
    lv: 'ovāl',
    ms: 'bujur',
    nb: 'ovalen',
    nl: 'ovaal',
    pl: 'owal',
    'pt-BR': 'oval',
    'pt-PT': 'oval',
    ro: 'oval',
    ru: 'овал',
    sk: 'ovál',
    sl: 'oval',
    sr: 'овал',
    sv: 'ovalen',
    th: 'กรอบวงรี',
    tr: 'oval',
    uk: 'овал',
    ur: 'بیضوی خان',
    vi: 'khung bầu dục',
    'zh-CN': '椭圆框',
    'zh-TW': '橢圓框',
  };

  it('is listed for every shipped locale', () => {
    expect(Object.keys(OVAL_WORDS).sort()).toEqual([...TRANSLATED].sort());
  });

  it.each(TRANSLATED)('%s names the oval with one word wherever English does', (tag) => {
    const messages = messagesOf(tag);
    const word = OVAL_WORDS[tag]!;
    const missing = ENGLISH_KEYS.filter(
      (key) => en[key].includes('oval') && !messages[key]?.toLowerCase().includes(word.toLowerCase()),
    );
    expect(missing).toEqual([]);
  });
});

describe('scripts and punctuation', () => {
  const SCRIPTS: Record<string, RegExp> = {
    ar: /\p{Script=Arabic}/u,
    fa: /\p{Script=Arabic}/u,
    ur: /\p{Script=Arabic}/u,
    he: /\p{Script=Hebrew}/u,
    ru: /\p{Script=Cyrillic}/u,
    uk: /\p{Script=Cyrillic}/u,
    bg: /\p{Script=Cyrillic}/u,
    sr: /\p{Script=Cyrillic}/u,
    el: /\p{Script=Greek}/u,
    hi: /\p{Script=Devanagari}/u,
    bn: /\p{Script=Bengali}/u,
    th: /\p{Script=Thai}/u,
    ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
    ko: /\p{Script=Hangul}/u,
    'zh-CN': /\p{Script=Han}/u,
    'zh-TW': /\p{Script=Han}/u,
  };

  it.each(Object.keys(SCRIPTS))('%s writes every string in its own script', (tag) => {
    const strings = Object.entries(messagesOf(tag));
    expect(strings.filter(([, text]) => !SCRIPTS[tag]!.test(prose(text)))).toEqual([]);
  });

  it.each(['ar', 'he', 'fa', 'ur'])(
    '%s (right to left) has no Latin letters, so the bidi algorithm never reorders a line',
    (tag) => {
      expect(Object.entries(messagesOf(tag)).filter(([, text]) => /[A-Za-z]/.test(prose(text)))).toEqual([]);
    },
  );

  it('Persian uses Persian yeh and keheh, not the Arabic letters', () => {
    expect(Object.entries(messagesOf('fa')).filter(([, text]) => /[\u064A\u0643]/.test(text ?? ''))).toEqual([]);
  });

  it('Romanian uses comma-below ș and ț, not the cedilla forms', () => {
    expect(Object.entries(messagesOf('ro')).filter(([, text]) => /[şţŞŢ]/.test(text ?? ''))).toEqual([]);
  });

  it('Cyrillic locales contain no Latin look-alike letters inside words', () => {
    const mixed = ['ru', 'uk', 'bg', 'sr'].flatMap((tag) =>
      Object.entries(messagesOf(tag))
        .filter(([, text]) => /\p{Script=Cyrillic}[A-Za-z]|[A-Za-z]\p{Script=Cyrillic}/u.test(prose(text)))
        .map(([key]) => `${tag}:${key}`),
    );
    expect(mixed).toEqual([]);
  });

  it('Chinese and Japanese use full-width punctuation', () => {
    const halfWidth = ['ja', 'zh-CN', 'zh-TW'].flatMap((tag) =>
      Object.entries(messagesOf(tag))
        .filter(([, text]) => /[,.:;!?()]/.test(prose(text)))
        .map(([key]) => `${tag}:${key}`),
    );
    expect(halfWidth).toEqual([]);
  });

  it('Traditional Chinese is not Simplified: none of the common simplified-only characters', () => {
    const simplified = /[们这发试摄头络页访问开启关闭应进确认证败过录]/u;
    expect(Object.entries(messagesOf('zh-TW')).filter(([, text]) => simplified.test(text ?? ''))).toEqual([]);
  });

  it('Italian, French and Catalan use one kind of apostrophe', () => {
    const straight = ['it', 'fr', 'ca'].map((tag) => [
      tag,
      Object.values(messagesOf(tag)).some((text) => text?.includes("'")),
    ]);
    const curly = ['it', 'fr', 'ca'].map((tag) => [
      tag,
      Object.values(messagesOf(tag)).some((text) => text?.includes('’')),
    ]);
    for (let i = 0; i < straight.length; i++)
      expect(straight[i]![1] && curly[i]![1], String(straight[i]![0])).toBe(false);
  });
});

describe('lookup order (resolveLocale)', () => {
  it.each([
    // the exact tag, whatever the case or separator
    ['pt-BR', 'pt-BR'],
    ['pt-br', 'pt-BR'],
    ['pt_BR', 'pt-BR'],
    ['PT-pt', 'pt-PT'],
    ['zh-TW', 'zh-TW'],
    ['es-419', 'es-419'],
    // a base language
    ['fr-CA', 'fr'],
    ['de-AT', 'de'],
    ['ja-JP', 'ja'],
    ['he-IL', 'he'],
    ['ar-EG', 'ar'],
    ['ur-IN', 'ur'],
    ['FR', 'fr'],
    // a variant: by script, then by the regions it serves, then the variant of the bare language
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hant', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['es', 'es-ES'],
    ['es-MX', 'es-419'],
    ['es-AR', 'es-419'],
    ['es-US', 'es-419'],
    ['es-GQ', 'es-ES'],
    ['pt', 'pt-BR'],
    ['pt-AO', 'pt-PT'],
    ['pt-MZ', 'pt-PT'],
    ['sr-Latn', 'sr'],
    // old and macro-language codes
    ['iw', 'he'],
    ['in', 'id'],
    ['no', 'nb'],
    ['nn-NO', 'nb'],
    ['tl', 'fil'],
    // English
    ['en-GB', 'en'],
    ['sw', 'en'],
    ['x-klingon', 'en'],
    ['not a tag', 'en'],
    ['', 'en'],
    ['  ', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('%j → %s', (requested, expected) => {
    expect(resolveLocale(requested)).toBe(expected);
  });

  it('takes the first language of a list that matches, as for navigator.languages', () => {
    expect(resolveLocale(['gsw-CH', 'de-CH', 'en'])).toBe('de');
    expect(resolveLocale(['sw', 'yo'])).toBe('en');
  });

  it('prefers a bare registered tag to another region of the language', () => {
    expect(matchLocale('es-CU', ['es', 'es-ES'])).toBe('es');
    expect(matchLocale('es-GQ', ['es-419', 'es-ES'])).toBe('es-ES');
  });
});

describe('direction', () => {
  it.each(['ar', 'he', 'fa', 'ur', 'ar-EG', 'he-IL', 'fa-IR', 'ur-PK', 'ps', 'yi', 'pa-Arab'])(
    '%s is right to left',
    (tag) => {
      expect(directionOf(tag)).toBe('rtl');
    },
  );

  it.each(SHIPPED_LOCALES.filter((tag) => !['ar', 'he', 'fa', 'ur'].includes(tag)))('%s is left to right', (tag) => {
    expect(directionOf(tag)).toBe('ltr');
  });

  it('a loaded RTL locale turns the translator right to left', async () => {
    for (const tag of ['ar', 'he', 'fa', 'ur']) expect((await loadTranslator(tag)).dir, tag).toBe('rtl');
    expect((await loadTranslator('pa')).dir).toBe('ltr');
  });
});

describe('translators', () => {
  afterEach(() => {
    registerLocale('eo', {});
  });

  it('loads the locale, then translates', async () => {
    const translator = await loadTranslator('de-AT');
    expect(translator.lang).toBe('de');
    expect(translator.t('hint.too-far')).toBe('Kommen Sie näher');
  });

  it('formats numbers in messages for the language', async () => {
    expect((await loadTranslator('fa')).t('camera.option', { number: 2 })).toBe('دوربین ۲');
    expect((await loadTranslator('de')).t('camera.option', { number: 1234 })).toBe('Kamera 1.234');
    expect((await loadTranslator('hu')).t('camera.option', { number: 3 })).toBe('3. kamera');
    expect(createTranslator('en').t('camera.option', { number: 2 })).toBe('Camera 2');
  });

  it('lets an override win over the locale and English', async () => {
    const translator = await loadTranslator('fr', { 'hint.too-far': 'Approchez-vous encore' });
    expect(translator.t('hint.too-far')).toBe('Approchez-vous encore');
    expect(translator.t('hint.too-close')).toBe('Reculez un peu');
    expect(createTranslator('en', { 'intro.start': 'Begin' }).t('intro.start')).toBe('Begin');
  });

  it('is English, and says so, until a locale is loaded', async () => {
    registerLocale('eo', () => Promise.resolve({ default: { 'hint.too-far': 'Alproksimiĝu' } }));
    const before = createTranslator('eo');
    expect(before.lang).toBe('en');
    expect(before.t('hint.too-far')).toBe(en['hint.too-far']);
    await loadLocale('eo');
    expect(createTranslator('eo').lang).toBe('eo');
    expect(createTranslator('eo').t('hint.too-far')).toBe('Alproksimiĝu');
  });

  it('falls back to English for a key a partial locale lacks', () => {
    registerLocale('eo', { 'hint.too-far': 'Alproksimiĝu' });
    const translator = createTranslator('eo');
    expect(translator.lang).toBe('eo');
    expect(translator.t('hint.too-far')).toBe('Alproksimiĝu');
    expect(translator.t('hint.too-close')).toBe(en['hint.too-close']);
  });

  it('shows English with a warning when a chunk fails, and tries again on the next request', async () => {
    let calls = 0;
    registerLocale('eo', () => {
      calls++;
      return calls === 1
        ? Promise.reject(new Error('offline'))
        : Promise.resolve({ default: { 'hint.too-far': 'Alproksimiĝu' } });
    });
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const failed = await loadTranslator('eo');
      expect(failed.lang).toBe('en');
      expect(failed.t('hint.too-far')).toBe(en['hint.too-far']);
      expect(warnings).toEqual([expect.stringContaining('"eo" texts could not be loaded (offline)')]);
    } finally {
      console.warn = warn;
    }
    expect((await loadTranslator('eo')).t('hint.too-far')).toBe('Alproksimiĝu');
    expect(calls).toBe(2);
  });

  it('loads each chunk once however many ask at the same time', async () => {
    let calls = 0;
    registerLocale('eo', () => {
      calls++;
      return Promise.resolve({ default: {} });
    });
    await Promise.all([loadLocale('eo'), loadLocale('eo'), loadTranslator('eo')]);
    expect(calls).toBe(1);
    expect(loadedMessages('eo')).toEqual({});
  });

  it('rejects a tag that is not BCP 47', () => {
    expect(() => registerLocale('not a tag', {})).toThrow(RangeError);
  });
});

describe('formatMessage', () => {
  const ATTEMPTS_RU =
    '{count, plural, one {Осталась # попытка} few {Осталось # попытки} many {Осталось # попыток} other {Осталось # попытки}}';

  it('picks the plural branch Intl.PluralRules gives the language', () => {
    expect(formatMessage(ATTEMPTS_RU, { count: 1 }, 'ru')).toBe('Осталась 1 попытка');
    expect(formatMessage(ATTEMPTS_RU, { count: 3 }, 'ru')).toBe('Осталось 3 попытки');
    expect(formatMessage(ATTEMPTS_RU, { count: 5 }, 'ru')).toBe('Осталось 5 попыток');
    expect(formatMessage(ATTEMPTS_RU, { count: 21 }, 'ru')).toBe('Осталась 21 попытка');
    const en = '{count, plural, =0 {No attempts left} one {# attempt left} other {# attempts left}}';
    expect(formatMessage(en, { count: 0 }, 'en')).toBe('No attempts left');
    expect(formatMessage(en, { count: 1 }, 'en')).toBe('1 attempt left');
    expect(formatMessage(en, { count: 1200 }, 'en')).toBe('1,200 attempts left');
  });

  it('formats the number inside a plural for the language', () => {
    expect(formatMessage('{n, plural, other {# ثانية}}', { n: 12 }, 'ar')).toBe(
      `${new Intl.NumberFormat('ar').format(12)} ثانية`,
    );
  });

  it('formats durations and countdowns through Intl', () => {
    expect(formatMessage('Retry in {wait, duration}', { wait: 5_000 }, 'en')).toBe('Retry in 5 seconds');
    expect(formatDuration(5_000, 'de')).toBe('5 Sekunden');
    expect(formatDuration(1_000, 'en')).toBe('1 second');
    expect(formatCountdown(5_000, 'en')).toBe('in 5 seconds');
    expect(formatCountdown(4_200, 'fr')).toBe('dans 5 secondes');
  });

  it('leaves a placeholder without a value visible instead of failing', () => {
    expect(formatMessage('Camera {number}', {}, 'en')).toBe('Camera {number}');
  });

  it('lists placeholders with their kind', () => {
    expect(placeholdersOf('Camera {number}')).toEqual([{ name: 'number', kind: 'value', categories: [] }]);
    expect(placeholdersOf('{n, plural, one {# a {x}} other {#}} in {t, duration}')).toEqual([
      { name: 'n', kind: 'plural', categories: ['one', 'other'] },
      { name: 'x', kind: 'value', categories: [] },
      { name: 't', kind: 'duration', categories: [] },
    ]);
  });

  it.each(['Camera {number', 'Camera }', '{1x}', '{n, plural, one {#}}', '{n, select, a {b}}'])(
    'rejects %j',
    (message) => {
      expect(() => formatMessage(message, { number: 1, n: 1 }, 'en')).toThrow(MessageSyntaxError);
    },
  );
});

describe('docs', () => {
  it('docs/i18n.md lists every key with its English text', async () => {
    const doc = await readFile(new URL('../docs/i18n.md', import.meta.url), 'utf8');
    const missing = ENGLISH_KEYS.filter((key) => !doc.includes(`| \`${key}\` | ${en[key]} |`));
    expect(missing).toEqual([]);
  });

  it('docs/i18n.md and the README list every shipped language by its tag', async () => {
    const doc = await readFile(new URL('../docs/i18n.md', import.meta.url), 'utf8');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(SHIPPED_LOCALES.filter((tag) => !doc.includes(`| \`${tag}\` |`))).toEqual([]);
    expect(SHIPPED_LOCALES.filter((tag) => !readme.includes(`\`${tag}\``))).toEqual([]);
  });
});
