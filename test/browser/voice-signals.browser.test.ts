/// <reference types="mocha" />
/**
 * Voice, haptics and injection signals in the real element, on Chromium's fake camera playing a good face:
 * speechSynthesis and navigator.vibrate are replaced by recorders (headless Chromium has no voices, and a test
 * must see the calls), and the signals travel through the real backend into the session result.
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import de from '../../src/i18n/locales/de.js';
import { en } from '../../src/i18n/en.js';
import { HAPTIC_PATTERNS } from '../../src/element/voice.js';
import type { GuidanceCode } from '../../src/quality/types.js';
import { nextEvent, recordEvents } from './support/events.js';
import { replaceProperty, setPageVisibility, waitFor } from './support/stubs.js';
import { createWidget, liveText, mountGuidingWidget } from './support/widget.js';

class RecordedUtterance extends EventTarget {
  lang = '';
  voice: unknown = null;
  constructor(readonly text: string) {
    super();
  }
}

/** A speechSynthesis that records what it is asked and only finishes a line when the test says so. */
function stubSpeech(voices: Array<{ lang: string; name: string }>) {
  const synth = Object.assign(new EventTarget(), {
    spoken: [] as RecordedUtterance[],
    cancels: 0,
    speaking: false,
    getVoices: () => voices,
    speak(utterance: RecordedUtterance) {
      synth.spoken.push(utterance);
    },
    cancel() {
      synth.cancels += 1;
    },
    /** The current line ends, as the engine would report it. */
    finish(utterance: RecordedUtterance) {
      utterance.dispatchEvent(new Event('end'));
    },
  });
  const restore = [
    replaceProperty(window as never, 'speechSynthesis' as never, synth as never),
    replaceProperty(window as never, 'SpeechSynthesisUtterance' as never, RecordedUtterance as never),
  ];
  return { synth, restore: () => restore.forEach((undo) => undo()) };
}

const GERMAN = { lang: 'de-DE', name: 'Anna' };
const ENGLISH = { lang: 'en-US', name: 'Samantha' };

describe('<liveness-check voice>', () => {
  let element: LivenessCheckElement | undefined;
  let restore: () => void = () => {};
  afterEach(() => {
    element?.remove();
    element = undefined;
    restore();
    restore = () => {};
  });

  /** The hint code the element shows now, from its last guidance event. */
  function trackHints(el: LivenessCheckElement): () => GuidanceCode | undefined {
    const codes: GuidanceCode[] = [];
    el.addEventListener('liveness-guidance', (e) => codes.push(e.detail.code));
    return () => codes.at(-1);
  }

  it('speaks the announced hint in the element language with a voice of that language', async () => {
    const speech = stubSpeech([ENGLISH, GERMAN]);
    restore = speech.restore;
    let hint: () => GuidanceCode | undefined = () => undefined;
    const mounted = await mountGuidingWidget((el) => {
      el.voice = true;
      el.setAttribute('lang', 'de');
      hint = trackHints(el);
    });
    element = mounted.element;
    expect(mounted.ready.voice).to.equal('ready');
    const [first] = await waitFor(() => speech.synth.spoken.length > 0 && speech.synth.spoken, 'a spoken hint', 30_000);
    const code = hint();
    expect(code, 'a hint was shown').to.be.a('string');
    // The first hint is announced at once, so the first line is the hint shown (unless it changed meanwhile).
    const germanHints = Object.entries(de)
      .filter(([key]) => key.startsWith('hint.'))
      .map(([, text]) => text);
    expect(germanHints).to.include(first!.text);
    expect(first!.lang).to.equal('de');
    expect(first!.voice).to.equal(GERMAN);
    expect(first!.text).to.equal(liveText(element));
  });

  it('never speaks over itself, speaks the waiting line when the current one ends, and stops on stop()', async () => {
    const speech = stubSpeech([ENGLISH, GERMAN]);
    restore = speech.restore;
    let hint: () => GuidanceCode | undefined = () => undefined;
    const mounted = await mountGuidingWidget((el) => {
      el.voice = true;
      hint = trackHints(el);
    });
    element = mounted.element;
    const { synth } = speech;
    await waitFor(() => synth.spoken.length > 0, 'a spoken hint', 30_000);
    const firstLine = synth.spoken[0]!;
    expect(firstLine.lang).to.equal('en');
    expect(firstLine.voice).to.equal(ENGLISH);

    // While the first line is still being spoken (the stub never ends it), the hint is announced again in German:
    // hiding the page pauses guidance, showing it starts a new session whose first hint is announced at once.
    element.setAttribute('lang', 'de');
    const undoHidden = setPageVisibility('hidden');
    await waitFor(() => liveText(element!) === de['status.paused'], 'the paused status');
    undoHidden();
    document.dispatchEvent(new Event('visibilitychange'));
    const germanHint = await waitFor(
      () => {
        const code = hint();
        return code && liveText(element!) === de[`hint.${code}`] && de[`hint.${code}`];
      },
      'a German hint in the live region',
      30_000,
    );
    expect(synth.spoken, 'nothing was spoken over the first line').to.have.length(1);
    expect(
      synth.spoken.filter((line) => line.text === en['status.paused'] || line.text === de['status.paused']),
    ).to.deep.equal([]);

    synth.finish(firstLine);
    expect(synth.spoken, 'the waiting line follows the first').to.have.length(2);
    expect(synth.spoken[1]!.text).to.equal(germanHint);
    expect(synth.spoken[1]!.lang).to.equal('de');
    expect(synth.spoken[1]!.voice).to.equal(GERMAN);

    const cancelsBefore = synth.cancels;
    element.stop();
    expect(synth.cancels, 'stop() cancels the speech').to.equal(cancelsBefore + 1);
    // A late end of the cancelled line speaks nothing more.
    synth.finish(synth.spoken[1]!);
    expect(synth.spoken).to.have.length(2);
  });

  it('cancels speech when removed from the page', async () => {
    const speech = stubSpeech([ENGLISH]);
    restore = speech.restore;
    const mounted = await mountGuidingWidget((el) => (el.voice = true));
    element = mounted.element;
    await waitFor(() => speech.synth.spoken.length > 0, 'a spoken hint', 30_000);
    element.remove();
    expect(speech.synth.cancels).to.equal(1);
  });

  it('stays silent and says voice "unavailable" where no voice speaks the language', async () => {
    const speech = stubSpeech([ENGLISH]);
    restore = speech.restore;
    const mounted = await mountGuidingWidget((el) => {
      el.voice = true;
      el.setAttribute('lang', 'de');
    });
    element = mounted.element;
    expect(mounted.ready.voice).to.equal('unavailable');
    await waitFor(
      () => liveText(element!).length > 0 && Object.values(de).includes(liveText(element!)),
      'a German hint',
    );
    expect(speech.synth.spoken).to.deep.equal([]);
  });

  it('says voice "off" and speaks nothing without the attribute', async () => {
    const speech = stubSpeech([ENGLISH]);
    restore = speech.restore;
    const mounted = await mountGuidingWidget();
    element = mounted.element;
    expect(mounted.ready.voice).to.equal('off');
    await waitFor(
      () => Object.entries(en).some(([key, text]) => key.startsWith('hint.') && text === liveText(element!)),
      'an announced hint',
    );
    expect(speech.synth.spoken).to.deep.equal([]);
  });
});

describe('<liveness-check haptics>', () => {
  let element: LivenessCheckElement | undefined;
  let restore: Array<() => void> = [];
  afterEach(() => {
    element?.remove();
    element = undefined;
    restore.forEach((undo) => undo());
    restore = [];
  });

  /** Captures automatically (no endpoint) and resolves with the vibrate() calls made on the way. */
  async function captureRecordingVibrations(
    setup: (el: LivenessCheckElement) => void,
  ): Promise<Array<number | number[]>> {
    const calls: Array<number | number[]> = [];
    restore.push(
      replaceProperty(
        navigator,
        'vibrate',
        ((pattern: number | number[]) => (calls.push(pattern), true)) as Navigator['vibrate'],
      ),
    );
    element = createWidget((el) => {
      el.autostart = true;
      el.holdDuration = 300;
      setup(el);
    });
    const captured = nextEvent(element, 'liveness-capture', 60_000);
    document.body.append(element);
    await captured;
    return calls;
  }

  it('ticks when the frame becomes good and again at capture', async () => {
    const calls = await captureRecordingVibrations((el) => (el.haptics = true));
    expect(calls.at(-1), 'the last tick is the capture').to.deep.equal(HAPTIC_PATTERNS.capture);
    expect(calls.slice(0, -1).length, 'at least one frame-good tick').to.be.greaterThan(0);
    expect(calls.slice(0, -1).every((pattern) => pattern === HAPTIC_PATTERNS['frame-good'])).to.equal(true);
  });

  it('does not vibrate without the attribute', async () => {
    expect(await captureRecordingVibrations(() => {})).to.deep.equal([]);
  });

  it('honours prefers-reduced-motion', async () => {
    const original = window.matchMedia.bind(window);
    restore.push(
      replaceProperty(window, 'matchMedia', (query: string) =>
        query.includes('prefers-reduced-motion')
          ? ({ matches: true, media: query } as MediaQueryList)
          : original(query),
      ),
    );
    expect(await captureRecordingVibrations((el) => (el.haptics = true))).to.deep.equal([]);
  });

  it('captures normally where the platform has no vibrator', async () => {
    restore.push(replaceProperty(navigator, 'vibrate', undefined as unknown as Navigator['vibrate']));
    element = createWidget((el) => {
      el.autostart = true;
      el.holdDuration = 300;
      el.haptics = true;
    });
    const events = recordEvents(element, ['liveness-capture', 'liveness-error']);
    const captured = nextEvent(element, 'liveness-capture', 60_000);
    document.body.append(element);
    await captured;
    expect(events.of('liveness-error')).to.deep.equal([]);
  });
});

interface SessionSignals {
  virtualCamera: boolean;
  cameraLabel: string | null;
  frameTimingJitterMs: number | null;
  reasons: string[];
}

describe('<liveness-check> injection signals', () => {
  let element: LivenessCheckElement | undefined;
  afterEach(() => element?.remove());

  it("reports Chromium's fake camera as a virtual camera, in the report and in the session result", async () => {
    const { endpoint } = (await (await fetch('/integrator/config')).json()) as { endpoint: string };
    const session = (await (await fetch('/integrator/session', { method: 'POST' })).json()) as {
      sessionId: string;
      captureToken: string;
    };
    element = createWidget((el) => {
      el.endpoint = endpoint;
      el.token = session.captureToken;
      el.mode = 'image';
      el.autostart = true;
    });
    const events = recordEvents(element, ['liveness-capture', 'liveness-error']);
    const complete = nextEvent(element, 'liveness-complete', 90_000);
    document.body.append(element);
    await complete;
    expect(events.of('liveness-error')).to.deep.equal([]);

    const signals = events.of('liveness-capture')[0]!.report.signals!;
    expect(signals.camera?.label, 'the fake camera is labelled with its clip file').to.match(/\.y4m$/);
    expect(signals.camera?.hasDeviceId).to.equal(true);
    expect(signals.camera?.width).to.be.greaterThan(0);
    expect(signals.frameTiming?.samples, 'frames were timed').to.be.greaterThan(1);
    expect(signals.frameTiming?.meanIntervalMs, 'about 30 fps').to.be.within(20, 60);
    expect(signals).to.include({ deviceChanges: 0, hiddenCount: 0 });

    const result = (await (await fetch(`/integrator/result/${session.sessionId}`)).json()) as {
      signals: SessionSignals;
    };
    expect(result.signals.virtualCamera).to.equal(true);
    expect(result.signals.cameraLabel).to.equal(signals.camera?.label);
    expect(result.signals.frameTimingJitterMs).to.equal(signals.frameTiming?.jitterMs);
    expect(result.signals.reasons).to.include('virtual-camera');
  });
});
