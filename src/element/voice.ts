/**
 * What the `voice` option says and when, kept free of the Web Speech API so it can be tested in Node.
 *
 * Rules: a line is offered only when the live region announces a hint (so it is throttled exactly like the live
 * region: a new hint, at most one every DEFAULT_ANNOUNCE_INTERVAL_MS). Speech never overlaps and is never cut
 * off mid-sentence by a newer hint: while a line is being spoken, the newest offered line waits (one slot, the
 * latest wins) and is spoken when the current one ends, unless it is no longer the hint shown by then. stop()
 * and disconnecting cancel everything.
 */

/** `liveness-ready`'s `voice`: `off` without the attribute, `unavailable` when the browser has no voice for the language. */
export type VoiceStatus = 'off' | 'ready' | 'unavailable';

export class VoiceQueue {
  private speaking: string | null = null;
  private pending: string | null = null;

  /** A hint was announced: the line to speak now, or null (it waits, or repeats what is being said). */
  offer(text: string): string | null {
    if (this.speaking === null) {
      this.speaking = text;
      return text;
    }
    this.pending = text === this.speaking ? null : text;
    return null;
  }

  /**
   * The current line finished (or failed). Returns the waiting line to speak next, if `stillCurrent` says it
   * is still what the person is shown.
   */
  ended(stillCurrent: (text: string) => boolean): string | null {
    const next = this.pending;
    this.pending = null;
    this.speaking = null;
    if (next === null || !stillCurrent(next)) return null;
    this.speaking = next;
    return next;
  }

  get busy(): boolean {
    return this.speaking !== null;
  }

  clear(): void {
    this.speaking = null;
    this.pending = null;
  }
}

/** The parts of SpeechSynthesisVoice the choice reads. */
export interface VoiceDescription {
  lang: string;
  default?: boolean;
  localService?: boolean;
}

/**
 * The best voice for `lang` (a BCP 47 tag): the same tag, else the same language in another region (pt-BR for
 * pt-PT beats silence), preferring the platform default, then on-device voices. Null when none speaks it.
 */
export function pickVoice<V extends VoiceDescription>(voices: readonly V[], lang: string): V | null {
  const wanted = normalise(lang);
  const primary = wanted.split('-')[0];
  const rank = (voice: V): number => {
    const tag = normalise(voice.lang);
    if (tag === wanted) return 0;
    if (tag.split('-')[0] === primary) return 1;
    return -1;
  };
  const candidates = voices.filter((voice) => rank(voice) >= 0);
  candidates.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(Boolean(b.default)) - Number(Boolean(a.default)) ||
      Number(Boolean(b.localService)) - Number(Boolean(a.localService)),
  );
  return candidates[0] ?? null;
}

// Some platforms report "en_US"; tags compare case-insensitively.
function normalise(tag: string): string {
  return tag.trim().replace(/_/g, '-').toLowerCase();
}

/** What a haptic tick is for. */
export type HapticCue = 'frame-good' | 'capture';

/** Vibration patterns in milliseconds: a short tick when the frame becomes good, a firmer double tick at capture. */
export const HAPTIC_PATTERNS: Readonly<Record<HapticCue, number | number[]>> = {
  'frame-good': 15,
  capture: [30, 50, 30],
};

/** Whether to vibrate: only when asked, where the platform can, and never against prefers-reduced-motion. */
export function hapticPattern(
  cue: HapticCue,
  environment: { enabled: boolean; canVibrate: boolean; reducedMotion: boolean },
): number | number[] | null {
  if (!environment.enabled || !environment.canVibrate || environment.reducedMotion) return null;
  return HAPTIC_PATTERNS[cue];
}
