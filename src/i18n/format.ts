/**
 * Filling a message's placeholders, with every number, duration and plural going through `Intl` for the
 * message's language (so Arabic gets ١٢, Hindi its grouping, and each language its own plural categories).
 *
 * Placeholder syntax, a small subset of ICU MessageFormat:
 *   {name}                                    the value; a number is formatted with Intl.NumberFormat
 *   {name, duration}                          milliseconds as a spoken duration (Intl.DurationFormat, or a
 *                                             seconds unit through Intl.NumberFormat where it is missing)
 *   {name, plural, one {…} few {…} other {…}} the branch Intl.PluralRules picks (`=0 {…}` matches exactly);
 *                                             `#` inside a branch is the formatted number
 */

export type MessageValues = Readonly<Record<string, string | number>>;

/** One placeholder as written: its name and kind, and the plural categories it offers. */
export interface Placeholder {
  name: string;
  kind: 'value' | 'duration' | 'plural';
  categories: string[];
}

type Part =
  | string
  | { name: string; kind: 'value' }
  | { name: string; kind: 'duration' }
  | { name: string; kind: 'plural'; branches: Map<string, Part[]> };

const parseCache = new Map<string, Part[]>();

export class MessageSyntaxError extends Error {
  readonly code = 'i18n-message-syntax';
}

/** The placeholders of a message, in order: what the completeness test compares between English and a locale. */
export function placeholdersOf(message: string): Placeholder[] {
  const found: Placeholder[] = [];
  const walk = (parts: Part[]) => {
    for (const part of parts) {
      if (typeof part === 'string') continue;
      if (part.kind === 'plural') {
        found.push({ name: part.name, kind: 'plural', categories: [...part.branches.keys()].sort() });
        for (const branch of part.branches.values()) walk(branch);
      } else found.push({ name: part.name, kind: part.kind, categories: [] });
    }
  };
  walk(parse(message));
  return found;
}

export function formatMessage(message: string, values: MessageValues | undefined, locale: string): string {
  if (!values && !message.includes('{')) return message;
  return render(parse(message), values ?? {}, locale, null);
}

export function formatNumber(value: number, locale: string): string {
  return cached(numberFormats, locale, () => new Intl.NumberFormat(locale)).format(value);
}

interface DurationFormatLike {
  format(duration: Record<string, number>): string;
}
type DurationFormatConstructor = new (locale: string, options: { style: 'long' }) => DurationFormatLike;

/** Milliseconds as "5 seconds" / "1 minute, 30 seconds" in the locale, rounded to whole seconds. */
export function formatDuration(ms: number, locale: string): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (DurationFormat) {
    const minutes = Math.floor(total / 60);
    const seconds = total % 60;
    const parts: Record<string, number> = {};
    if (minutes > 0) parts['minutes'] = minutes;
    if (seconds > 0 || minutes === 0) parts['seconds'] = seconds;
    return cached(durationFormats, locale, () => new DurationFormat(locale, { style: 'long' })).format(parts);
  }
  const unit = total >= 60 && total % 60 === 0 ? 'minute' : 'second';
  const amount = unit === 'minute' ? total / 60 : total;
  const key = `${locale}\u0000${unit}`;
  return cached(
    unitFormats,
    key,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }),
  ).format(amount);
}

/** "in 5 seconds" in the locale (Intl.RelativeTimeFormat), for countdowns. */
export function formatCountdown(ms: number, locale: string): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return cached(relativeFormats, locale, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(
    seconds,
    'second',
  );
}

export function pluralCategory(value: number, locale: string): Intl.LDMLPluralRule {
  return cached(pluralRules, locale, () => new Intl.PluralRules(locale)).select(value);
}

/** The plural categories a language distinguishes (English: one, other; Arabic: zero, one, two, few, many, other). */
export function pluralCategories(locale: string): string[] {
  return [...cached(pluralRules, locale, () => new Intl.PluralRules(locale)).resolvedOptions().pluralCategories];
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const unitFormats = new Map<string, Intl.NumberFormat>();
const durationFormats = new Map<string, DurationFormatLike>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function render(parts: Part[], values: MessageValues, locale: string, pound: number | null): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += pound === null ? part : part.replaceAll('#', formatNumber(pound, locale));
      continue;
    }
    const value = values[part.name];
    // A value the caller did not pass stays visible as its placeholder: a bug to see, never a crash in the UI.
    if (value === undefined) {
      out += `{${part.name}}`;
      continue;
    }
    if (part.kind === 'value') out += typeof value === 'number' ? formatNumber(value, locale) : value;
    else if (part.kind === 'duration') out += typeof value === 'number' ? formatDuration(value, locale) : value;
    else {
      const count = Number(value);
      const branch =
        part.branches.get(`=${count}`) ??
        part.branches.get(pluralCategory(count, locale)) ??
        part.branches.get('other') ??
        [];
      out += render(branch, values, locale, count);
    }
  }
  return out;
}

function parse(message: string): Part[] {
  let parts = parseCache.get(message);
  if (!parts) {
    const state = { text: message, at: 0 };
    parts = parseParts(state, false);
    parseCache.set(message, parts);
  }
  return parts;
}

function parseParts(state: { text: string; at: number }, nested: boolean): Part[] {
  const parts: Part[] = [];
  let literal = '';
  while (state.at < state.text.length) {
    const char = state.text[state.at]!;
    if (char === '}') {
      if (!nested) throw new MessageSyntaxError(`unbalanced "}" in "${state.text}"`);
      break;
    }
    if (char !== '{') {
      literal += char;
      state.at++;
      continue;
    }
    if (literal) parts.push(literal);
    literal = '';
    parts.push(parsePlaceholder(state));
  }
  if (literal) parts.push(literal);
  return parts;
}

function parsePlaceholder(state: { text: string; at: number }): Part {
  const close = state.text.indexOf('}', state.at);
  const comma = state.text.indexOf(',', state.at);
  const end = comma !== -1 && comma < close ? comma : close;
  if (close === -1) throw new MessageSyntaxError(`unclosed "{" in "${state.text}"`);
  const name = state.text.slice(state.at + 1, end).trim();
  if (!/^[A-Za-z][\w-]*$/.test(name)) throw new MessageSyntaxError(`bad placeholder name "${name}" in "${state.text}"`);
  if (end === close) {
    state.at = close + 1;
    return { name, kind: 'value' };
  }
  const rest = state.text.slice(end + 1);
  const kind = /^\s*(\w+)\s*/.exec(rest);
  if (kind?.[1] === 'duration') {
    state.at = close + 1;
    return { name, kind: 'duration' };
  }
  if (kind?.[1] !== 'plural') throw new MessageSyntaxError(`unknown placeholder kind in "${state.text}"`);
  state.at = end + 1 + kind[0].length;
  if (state.text[state.at] !== ',') throw new MessageSyntaxError(`expected "," after plural in "${state.text}"`);
  state.at++;
  const branches = new Map<string, Part[]>();
  for (;;) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(state.text.slice(state.at));
    if (!selector) break;
    state.at += selector[0].length;
    branches.set(selector[1]!, parseParts(state, true));
    if (state.text[state.at] !== '}') throw new MessageSyntaxError(`unclosed plural branch in "${state.text}"`);
    state.at++;
  }
  const tail = /^\s*\}/.exec(state.text.slice(state.at));
  if (!tail || !branches.has('other'))
    throw new MessageSyntaxError(`plural needs an "other" branch and a "}" in "${state.text}"`);
  state.at += tail[0].length;
  return { name, kind: 'plural', branches };
}
