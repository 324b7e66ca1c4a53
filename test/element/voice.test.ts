import { describe, expect, it } from 'vitest';
import { HAPTIC_PATTERNS, hapticPattern, pickVoice, VoiceQueue } from '../../src/element/voice.js';

describe('VoiceQueue', () => {
  it('speaks at once when silent', () => {
    expect(new VoiceQueue().offer('Move closer')).toBe('Move closer');
  });

  it('never speaks over itself: a line offered while speaking waits, and the latest one wins', () => {
    const queue = new VoiceQueue();
    queue.offer('Move closer');
    expect(queue.offer('Find more light')).toBeNull();
    expect(queue.offer('Hold still')).toBeNull();
    expect(queue.ended(() => true)).toBe('Hold still');
    expect(queue.busy).toBe(true);
    expect(queue.ended(() => true)).toBeNull();
    expect(queue.busy).toBe(false);
  });

  it('drops a waiting line that is no longer the hint shown', () => {
    const queue = new VoiceQueue();
    queue.offer('Move closer');
    queue.offer('Find more light');
    expect(queue.ended((text) => text !== 'Find more light')).toBeNull();
    expect(queue.offer('Great, hold still')).toBe('Great, hold still');
  });

  it('does not queue a repeat of the line being spoken', () => {
    const queue = new VoiceQueue();
    queue.offer('Move closer');
    queue.offer('Find more light');
    queue.offer('Move closer');
    expect(queue.ended(() => true)).toBeNull();
  });

  it('clear() forgets both the current and the waiting line', () => {
    const queue = new VoiceQueue();
    queue.offer('Move closer');
    queue.offer('Hold still');
    queue.clear();
    expect(queue.busy).toBe(false);
    expect(queue.ended(() => true)).toBeNull();
  });
});

describe('pickVoice', () => {
  const voices = [
    { name: 'en', lang: 'en-US', default: true },
    { name: 'pt-BR', lang: 'pt-BR' },
    { name: 'pt-PT local', lang: 'pt_PT', localService: true },
    { name: 'pt-PT remote', lang: 'pt-PT' },
    { name: 'fr', lang: 'fr-FR' },
  ];

  it('prefers the exact tag, then on-device voices', () => {
    expect(pickVoice(voices, 'pt-PT')?.name).toBe('pt-PT local');
  });

  it('falls back to the same language in another region', () => {
    expect(pickVoice(voices, 'fr-CA')?.name).toBe('fr');
    expect(pickVoice(voices, 'en-GB')?.name).toBe('en');
  });

  it('is null where no voice speaks the language (never another language)', () => {
    expect(pickVoice(voices, 'ja')).toBeNull();
    expect(pickVoice([], 'en')).toBeNull();
  });

  it('compares tags case-insensitively', () => {
    expect(pickVoice([{ lang: 'ZH-tw' }], 'zh-TW')).toEqual({ lang: 'ZH-tw' });
  });
});

describe('hapticPattern', () => {
  const can = { enabled: true, canVibrate: true, reducedMotion: false };
  it('ticks for each cue when enabled', () => {
    expect(hapticPattern('frame-good', can)).toBe(HAPTIC_PATTERNS['frame-good']);
    expect(hapticPattern('capture', can)).toEqual(HAPTIC_PATTERNS.capture);
  });

  it.each([
    ['not asked for', { ...can, enabled: false }],
    ['no vibrator', { ...can, canVibrate: false }],
    ['prefers-reduced-motion', { ...can, reducedMotion: true }],
  ])('is silent when %s', (_why, environment) => {
    expect(hapticPattern('frame-good', environment)).toBeNull();
    expect(hapticPattern('capture', environment)).toBeNull();
  });
});
