import { describe, expect, it } from 'vitest';
import { ovalForFrame } from '../../src/quality/oval.js';

describe('ovalForFrame', () => {
  it('centres a portrait oval sized from the shorter side', () => {
    expect(ovalForFrame(640, 480)).toEqual({ cx: 320, cy: 240, ry: 144, rx: 108 });
    expect(ovalForFrame(720, 1280)).toEqual({ cx: 360, cy: 640, ry: 216, rx: 162 });
  });

  it.each([
    [1280, 720],
    [640, 480],
    [720, 1280],
    [480, 480],
  ])('fits inside a %i×%i frame', (width, height) => {
    const oval = ovalForFrame(width, height);
    expect(oval.ry).toBeGreaterThan(oval.rx);
    expect(oval.cx - oval.rx).toBeGreaterThan(0);
    expect(oval.cx + oval.rx).toBeLessThan(width);
    expect(oval.cy - oval.ry).toBeGreaterThan(0);
    expect(oval.cy + oval.ry).toBeLessThan(height);
  });

  it('rejects empty or invalid frame sizes', () => {
    expect(() => ovalForFrame(0, 480)).toThrow(RangeError);
    expect(() => ovalForFrame(640, Number.NaN)).toThrow(RangeError);
  });
});
