/// <reference types="mocha" />
/**
 * One quality check against the real element: Chromium's fake camera plays a clip made to fail exactly that
 * check (see tools/clips.ts), and the element must report that reason code, keep reporting it, and
 * never capture. The `ok` clip must pass every check and be captured with metrics inside every threshold.
 */
import { expect } from '@esm-bundle/chai';
import '../../../src/liveness-check.js';
import type { LivenessCheckElement } from '../../../src/element.js';
import { DEFAULT_THRESHOLDS } from '../../../src/quality/thresholds.js';
import type { GuidanceCode } from '../../../src/quality/types.js';
import { nextEvent, recordEvents, sleep } from '../support/events.js';

/** The checks judged on the face landmarks. */
const LANDMARK_REASONS: readonly GuidanceCode[] = ['eyes-covered', 'eyes-closed', 'mouth-covered'];

/** How long a failing clip is watched after its hint first shows: several hold durations. */
const OBSERVE_MS = 3_000;

export function describeGateScenario(expected: GuidanceCode): void {
  describe(`quality gate fixture: ${expected}`, () => {
    let element: LivenessCheckElement;
    afterEach(() => element?.remove());

    if (expected === 'ok') {
      it('passes every check and captures a frame whose metrics are inside every threshold', async () => {
        element = document.createElement('liveness-check');
        element.autostart = true;
        element.mode = 'image';
        const events = recordEvents(element, ['liveness-guidance', 'liveness-capture', 'liveness-error']);
        const capture = nextEvent(element, 'liveness-capture', 30_000);
        document.body.append(element);
        const { report } = (await capture).detail;
        expect(events.of('liveness-error')).to.deep.equal([]);
        expect(report.automatic).to.equal(true);
        const m = report.metrics;
        const T = DEFAULT_THRESHOLDS;
        expect(m.faceCount).to.equal(1);
        expect(m.confidence).to.be.at.least(T.minConfidence);
        expect(m.faceWidthRatio).to.be.within(T.minFaceWidthRatio, T.maxFaceWidthRatio);
        expect(m.centerOffset).to.be.at.most(T.maxCenterOffset);
        expect(Math.abs(m.yaw!)).to.be.at.most(T.maxYaw);
        expect(Math.abs(m.roll!)).to.be.at.most(T.maxRollDegrees);
        expect(m.faceLuma).to.be.within(T.minFaceLuma, T.maxFaceLuma);
        expect(m.backlitRatio).to.be.at.least(T.minBacklitRatio);
        expect(m.sharpness).to.be.at.least(T.minSharpness);
        expect(m.motion).to.be.at.most(T.maxMotion);
        // The face landmarker measured the captured frame itself: eyes open and uncovered, mouth uncovered.
        expect(m.landmarkAgeMs, 'landmarks measured on the captured frame').to.equal(0);
        expect(m.eyeAspectRatio).to.be.at.least(T.minEyeAspectRatio);
        expect(m.eyesClosedMs).to.equal(0);
        expect(m.eyeLumaRatio).to.be.at.least(T.minEyeLumaRatio);
        expect(m.eyeContrast).to.be.at.least(T.minEyeContrast);
        expect(m.mouthSkinShare).to.be.at.least(T.minMouthSkinShare);
        // Before the stillness window fills, 'moving' is expected; no other check may ever have fired.
        const codes = new Set(events.of('liveness-guidance').map((g) => g.code));
        codes.delete('moving');
        expect([...codes]).to.deep.equal(['ok']);
      });
      return;
    }

    it(`reports ${expected}, keeps reporting it, and never captures`, async () => {
      element = document.createElement('liveness-check');
      element.autostart = true;
      element.holdDuration = 500;
      const events = recordEvents(element, ['liveness-guidance', 'liveness-capture', 'liveness-error']);
      const ready = nextEvent(element, 'liveness-ready', 60_000);
      document.body.append(element);
      expect((await ready).detail.detector).to.equal('worker');

      const deadline = performance.now() + 15_000;
      while (!events.of('liveness-guidance').some((g) => g.code === expected) && performance.now() < deadline) {
        await sleep(100);
      }
      const first = events.of('liveness-guidance').find((g) => g.code === expected);
      expect(
        first,
        `a ${expected} hint (saw ${events
          .of('liveness-guidance')
          .map((g) => g.code)
          .join(', ')})`,
      ).to.exist;
      expect(first!.failing[0]).to.equal(expected);
      expect(first!.message).to.be.a('string').and.not.empty;

      await sleep(OBSERVE_MS);
      const later = events.of('liveness-guidance');
      expect(later.at(-1)?.code, 'the hint still shown').to.equal(expected);
      // The face landmarker loads after the first guidance: until it has measured, only the other checks judge,
      // so a landmark check may follow an 'ok'. From its first hint on, the frame is never judged good again.
      const judged = LANDMARK_REASONS.includes(expected) ? later.slice(later.indexOf(first!)) : later;
      expect(
        judged.some((g) => g.code === 'ok'),
        'never judged good',
      ).to.equal(false);
      expect(events.of('liveness-capture'), 'no capture').to.deep.equal([]);
      expect(events.of('liveness-error')).to.deep.equal([]);
      expect(element.phase).to.equal('guiding');
      const hint = element.shadowRoot!.querySelector('[part="hint"]')!;
      expect(hint.textContent).to.equal(first!.message);
      // Announcements are throttled, but after the observation window the live region says the same thing.
      const live = element.shadowRoot!.querySelector('[aria-live]')!;
      expect(live.textContent?.trim()).to.equal(first!.message);
    });
  });
}
