/** Which MediaRecorder types the probe records, given what the engine supports and what the backend accepts. */
import { describe, expect, it } from 'vitest';
import { probeCandidates } from '../../src/package/recorder-probe.js';
import { clipContainer } from '../../src/package/video.js';

const firefox = (type: string) => type.startsWith('video/webm');
const chromium = () => true;
const none = () => false;

describe('probeCandidates', () => {
  it('keeps the supported types the backend accepts, best first', () => {
    expect(probeCandidates(chromium, ['video/mp4'])).toEqual({
      types: ['video/mp4;codecs=avc1.42E01E', 'video/mp4;codecs=avc1', 'video/mp4'],
    });
    expect(probeCandidates(firefox, ['video/mp4', 'video/webm'])).toEqual({
      types: ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'],
    });
  });

  it('says not-accepted when the engine records only types the providers refuse (Firefox with Oz)', () => {
    expect(probeCandidates(firefox, ['video/mp4'])).toEqual({ fallback: 'not-accepted' });
    expect(probeCandidates(chromium, [])).toEqual({ fallback: 'not-accepted' });
  });

  it('says no-recorder when nothing is supported, whatever is accepted', () => {
    expect(probeCandidates(none, ['video/mp4'])).toEqual({ fallback: 'no-recorder' });
    expect(probeCandidates(none, null)).toEqual({ fallback: 'no-recorder' });
  });

  it('tries every supported type when the accepted list is unknown', () => {
    expect(probeCandidates(firefox, null)).toEqual({
      types: ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'],
    });
  });

  it('names the container without its codecs', () => {
    expect(clipContainer('video/mp4;codecs=avc1.42E01E')).toBe('video/mp4');
    expect(clipContainer('Video/WebM; codecs=vp8')).toBe('video/webm');
  });
});
