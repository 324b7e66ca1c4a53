/**
 * Speaks the hints (the `voice` attribute) through speechSynthesis in the element's language, and ticks the
 * vibrator (the `haptics` attribute). The decisions live in ./voice.ts; this file is the Web API edge.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { hapticPattern, pickVoice, VoiceQueue, type HapticCue, type VoiceStatus } from './voice.js';

/** How long start() may wait for the browser to list its voices (Chromium fills the list asynchronously). */
const VOICES_WAIT_MS = 1_000;

export interface VoiceHost extends ReactiveControllerHost {
  readonly voice: boolean;
  readonly haptics: boolean;
}

export interface VoiceOptions {
  /** The language the texts are shown in. */
  lang(): string;
  /** Whether `text` is still the hint shown (a line that waited is dropped once it is stale). */
  isCurrent(text: string): boolean;
}

export class VoiceController implements ReactiveController {
  private readonly queue = new VoiceQueue();
  /** The utterances this controller started, so a late `end` from a cancelled one is ignored. */
  private current: SpeechSynthesisUtterance | null = null;

  constructor(
    private readonly host: VoiceHost,
    private readonly options: VoiceOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Whether hints will be spoken, once the browser has listed its voices (waits at most VOICES_WAIT_MS). */
  async status(): Promise<VoiceStatus> {
    if (!this.host.voice) return 'off';
    const synth = speechSynthesisOrNull();
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return 'unavailable';
    const voices = await listVoices(synth);
    return pickVoice(voices, this.options.lang()) ? 'ready' : 'unavailable';
  }

  /** The live region announced a hint: speak it (see the rules in ./voice.ts). */
  say(text: string): void {
    if (!this.host.voice) return;
    const line = this.queue.offer(text);
    if (line !== null) this.speak(line);
  }

  /** Silences the current line and drops the waiting one (stop(), a new attempt, disconnecting). */
  cancel(): void {
    const wasSpeaking = this.queue.busy;
    this.queue.clear();
    this.current = null;
    if (wasSpeaking) speechSynthesisOrNull()?.cancel();
  }

  tick(cue: HapticCue): void {
    const pattern = hapticPattern(cue, {
      enabled: this.host.haptics,
      canVibrate: typeof navigator.vibrate === 'function',
      reducedMotion: typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches,
    });
    // vibrate() is refused (returns false) before the person has interacted with the page; nothing to do then.
    if (pattern !== null) navigator.vibrate(pattern);
  }

  private speak(text: string): void {
    const synth = speechSynthesisOrNull();
    const lang = this.options.lang();
    const canSpeak = synth !== null && typeof SpeechSynthesisUtterance !== 'undefined';
    const voice = canSpeak ? pickVoice(synth.getVoices(), lang) : null;
    if (!canSpeak || !voice) {
      // No voice for the language: silence (liveness-ready said `unavailable`), never another language's voice.
      this.queue.clear();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.voice = voice;
    const finished = (): void => {
      if (this.current !== utterance) return;
      this.current = null;
      const next = this.queue.ended(this.options.isCurrent);
      if (next !== null) this.speak(next);
    };
    utterance.addEventListener('end', finished);
    utterance.addEventListener('error', finished);
    this.current = utterance;
    synth.speak(utterance);
  }
}

function speechSynthesisOrNull(): SpeechSynthesis | null {
  return typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
}

async function listVoices(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice[]> {
  const voices = synth.getVoices();
  if (voices.length > 0) return voices;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, VOICES_WAIT_MS);
    function done(): void {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', done);
      resolve();
    }
    synth.addEventListener('voiceschanged', done);
  });
  return synth.getVoices();
}
