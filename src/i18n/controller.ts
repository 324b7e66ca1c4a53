/**
 * The element's side of the lazy locales, as a Lit reactive controller: which language the element is in, the
 * translator for it, and a promise the element awaits before an update while that language's chunk is on its way,
 * so the first text it renders is already in the page's language instead of flashing English.
 *
 * The host hooks it in twice:
 *
 *   private readonly locale = new LocaleController(this, () => this.strings);
 *   protected override scheduleUpdate(): void | Promise<unknown> {
 *     const pending = this.locale.pending();
 *     return pending ? pending.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
 *   }
 *
 * and reads `this.locale.translator` wherever it shows text.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Messages } from './en.js';
import {
  createTranslator,
  loadedMessages,
  loadLocale,
  resolveLocale,
  warnLoadFailed,
  type Translator,
} from './index.js';

/**
 * How long an update waits for a locale chunk before the element renders in English anyway; the chunk swaps in
 * when it arrives. Long enough for a cold fetch on a slow mobile network, short enough that a stalled request never
 * hides the widget.
 */
export const LOCALE_WAIT_MS = 2_000;

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The languages asked for, most specific first: the element's `lang`, the closest ancestor's (the page's `<html
 * lang>` included); without any, the browser's preferred languages.
 */
export function requestedLanguages(host: HTMLElement): string[] {
  const scoped = host.lang || host.closest<HTMLElement>('[lang]')?.lang || document.documentElement.lang;
  if (scoped) return [scoped];
  const preferred =
    typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  return [...preferred.filter(Boolean), 'en'];
}

export class LocaleController implements ReactiveController {
  private readonly host: Host;
  private readonly overrides: () => Partial<Messages>;
  /** Tags whose chunk failed for this element: shown in English, not fetched again on every update. */
  private readonly failed = new Set<string>();
  private waiting: { tag: string; promise: Promise<void> } | null = null;
  private cache: { tag: string; overrides: Partial<Messages>; translator: Translator } | null = null;

  constructor(host: Host, overrides: () => Partial<Messages> = () => ({})) {
    this.host = host;
    this.overrides = overrides;
    host.addController(this);
  }

  /** The locale the element should be in now (its chunk may still be loading). */
  get wanted(): string {
    return resolveLocale(requestedLanguages(this.host));
  }

  /** The translator for the wanted locale once loaded; English until then, or if it failed. */
  get translator(): Translator {
    const tag = this.wanted;
    const overrides = this.overrides();
    const shown = loadedMessages(tag) ? tag : 'en';
    if (this.cache?.tag !== shown || this.cache.overrides !== overrides) {
      this.cache = { tag: shown, overrides, translator: createTranslator(shown, overrides) };
    }
    return this.cache.translator;
  }

  /**
   * Null when the wanted locale is ready (or has failed); otherwise starts loading it and returns a promise that
   * settles when it is loaded, has failed, or LOCALE_WAIT_MS have passed. It never rejects.
   */
  pending(): Promise<void> | null {
    const tag = this.wanted;
    if (loadedMessages(tag) || this.failed.has(tag)) return null;
    if (this.waiting?.tag === tag) return this.waiting.promise;
    const load = loadLocale(tag).then(
      () => undefined,
      (error: unknown) => {
        this.failed.add(tag);
        warnLoadFailed(tag, error);
      },
    );
    // Whatever rendered meanwhile (English, after the wait) is redrawn in the right language, or as final English.
    void load.then(() => {
      if (this.waiting?.tag === tag) this.waiting = null;
      this.host.requestUpdate();
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, LOCALE_WAIT_MS);
    });
    const promise = Promise.race([load, deadline]).finally(() => clearTimeout(timer));
    this.waiting = { tag, promise };
    return promise;
  }

  hostConnected(): void {
    // Start fetching as soon as the element is in the page, before its first update is even scheduled.
    void this.pending();
  }
}
