import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { LOCALES, createTranslator, resolveLocale, type MessageKey, type Messages } from '../src/i18n/index.js';

const ENGLISH_KEYS = (Object.keys(en) as MessageKey[]).sort();
const SHIPPED = ['es', 'fr', 'de', 'pt-BR', 'ar'] as const;
// Strings this long are sentences: an identical copy means someone forgot to translate it.
const MIN_WORDS_FOR_COPY_CHECK = 3;

function shipped(tag: (typeof SHIPPED)[number]): Partial<Messages> {
  const messages = LOCALES[tag];
  if (!messages) throw new Error(`locale ${tag} is not registered in LOCALES`);
  return messages;
}

describe('shipped locales', () => {
  it.each(SHIPPED)('%s has exactly the English keys', (tag) => {
    expect(Object.keys(shipped(tag)).sort()).toEqual(ENGLISH_KEYS);
  });

  it.each(SHIPPED)('%s has no empty string', (tag) => {
    const blank = Object.entries(shipped(tag)).filter(([, text]) => !text?.trim());
    expect(blank).toEqual([]);
  });

  it.each(SHIPPED)('%s does not copy English sentences', (tag) => {
    const messages = shipped(tag);
    const copied = ENGLISH_KEYS.filter(
      (key) => en[key].split(/\s+/).length >= MIN_WORDS_FOR_COPY_CHECK && messages[key] === en[key],
    );
    expect(copied).toEqual([]);
  });

  it.each(SHIPPED)('%s keeps the trailing ellipsis of progress statuses', (tag) => {
    const messages = shipped(tag);
    const mismatched = ENGLISH_KEYS.filter((key) => en[key].endsWith('…') !== (messages[key] ?? '').endsWith('…'));
    expect(mismatched).toEqual([]);
  });

  const OVAL_WORDS: Record<(typeof SHIPPED)[number], string> = {
    es: 'óvalo',
    fr: 'ovale',
    de: 'Oval',
    'pt-BR': 'oval',
    ar: 'الشكل البيضاوي',
  };
  it.each(SHIPPED)('%s names the oval with one word wherever English does', (tag) => {
    const messages = shipped(tag);
    const missing = ENGLISH_KEYS.filter((key) => en[key].includes('oval') && !messages[key]?.includes(OVAL_WORDS[tag]));
    expect(missing).toEqual([]);
  });

  it('Arabic contains no Latin letters and every string is in Arabic script', () => {
    const arabic = Object.entries(shipped('ar'));
    expect(arabic.filter(([, text]) => /[A-Za-z]/.test(text ?? ''))).toEqual([]);
    expect(arabic.filter(([, text]) => !/[\u0600-\u06FF]/.test(text ?? ''))).toEqual([]);
  });
});

describe('resolveLocale', () => {
  it.each([
    ['pt', 'pt-BR'],
    ['pt-br', 'pt-BR'],
    ['pt-BR', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['pt_BR', 'pt-BR'],
    ['es', 'es'],
    ['es-MX', 'es'],
    ['es-419', 'es'],
    ['fr-CA', 'fr'],
    ['FR', 'fr'],
    ['de-AT', 'de'],
    ['de-CH', 'de'],
    ['ar-EG', 'ar'],
    ['ar', 'ar'],
    ['en-GB', 'en'],
    ['ja-JP', 'en'],
    ['he', 'en'],
    ['', 'en'],
    ['  ', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('%j → %s', (requested, expected) => {
    expect(resolveLocale(requested)).toBe(expected);
  });
});

describe('createTranslator', () => {
  afterEach(() => {
    delete LOCALES['eo'];
  });

  it('reports the resolved locale', () => {
    expect(createTranslator('pt-PT').lang).toBe('pt-BR');
    expect(createTranslator('ja').lang).toBe('en');
  });

  it('is right to left for Arabic only', () => {
    expect(createTranslator('ar').dir).toBe('rtl');
    expect(createTranslator('ar-EG').dir).toBe('rtl');
    for (const tag of ['en', 'es', 'fr', 'de', 'pt-BR']) expect(createTranslator(tag).dir).toBe('ltr');
  });

  it('stays left to right for an RTL language we cannot show, because the text falls back to English', () => {
    expect(createTranslator('he').dir).toBe('ltr');
  });

  it('returns the locale string', () => {
    expect(createTranslator('de').t('hint.too-far')).toBe('Kommen Sie näher');
    expect(createTranslator('es-MX').t('action.retry')).toBe('Intentar de nuevo');
  });

  it('lets an override win over the locale and English', () => {
    const translator = createTranslator('fr', { 'hint.too-far': 'Approchez-vous encore' });
    expect(translator.t('hint.too-far')).toBe('Approchez-vous encore');
    expect(translator.t('hint.too-close')).toBe('Reculez un peu');
    expect(createTranslator('en', { 'intro.start': 'Begin' }).t('intro.start')).toBe('Begin');
  });

  it('falls back to English for a key a partial locale lacks', () => {
    LOCALES['eo'] = { 'hint.too-far': 'Alproksimiĝu' };
    const translator = createTranslator('eo');
    expect(translator.lang).toBe('eo');
    expect(translator.t('hint.too-far')).toBe('Alproksimiĝu');
    expect(translator.t('hint.too-close')).toBe(en['hint.too-close']);
  });
});

describe('docs/i18n.md', () => {
  it('lists every key with its English text', async () => {
    const doc = await readFile(new URL('../docs/i18n.md', import.meta.url), 'utf8');
    const missing = ENGLISH_KEYS.filter((key) => !doc.includes(`| \`${key}\` | ${en[key]} |`));
    expect(missing).toEqual([]);
  });
});
