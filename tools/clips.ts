/**
 * @module
 * Camera clips for Chromium's fake camera, derived in code from the public-domain stills in `test/fixtures/`.
 * Each scenario is named after the guidance code it must provoke, so a browser test reads
 * `--use-file-for-fake-video-capture=${await ensureClip('too-far')}` and expects `too-far`.
 *
 * What BlazeFace actually measures on every clip is recorded in `test/fixtures/clips.md` (regenerate it with
 * `npx tsx test/support/detect-probe/run-probe.ts --write-md`); tune the numbers here against that probe, not by eye.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { GuidanceCode } from '../src/quality/types.js';
import {
  backlight,
  compose,
  crop,
  gamma,
  gaussianBlur,
  horizontalSquash,
  loadPng,
  meanColor,
  paintEllipses,
  resize,
  rotate,
  scaleBrightness,
  verticalGradient,
  type EllipsePaint,
  type Rgb,
  type RgbImage,
} from './image-ops.js';
import { writeY4m } from './y4m.js';

/**
 * Bump when clip output changes for a reason the cache key cannot see (a dependency such as pngjs behaving
 * differently, or a change in how Chromium reads clips that calls for different bytes).
 */
export const GENERATOR_VERSION = 1;

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;
const FPS = 30;
/** Static scenes need only a few frames: Chromium loops the file, and each frame costs 460 KB. */
const STILL_FRAMES = 8;
const MOTION_FRAMES = 30;
/** In the 30-frame `blinking` clip, the eyes are shut from this frame to the end (5 frames, ≈ 170 ms). */
const BLINK_FROM_FRAME = 25;

const FIXTURES_DIR = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const GENERATED_DIR = fileURLToPath(new URL('../test/.generated/', import.meta.url));
/** Sources whose text defines the clips; any edit to them changes every cache key. */
const GENERATOR_SOURCES = ['clips.ts', 'image-ops.ts', 'y4m.ts'].map((file) => new URL(`./${file}`, import.meta.url));
const FIXTURE_FILES = ['astronaut.png', 'chelsea.png', 'coffee.png'] as const;

type FixtureName = (typeof FIXTURE_FILES)[number];

/**
 * BlazeFace's box around the astronaut's face in astronaut.png's own pixels, back-computed from the detect-probe's
 * boxes at several known scales. Scenes place the face by this box, so "face width 156 px" means the detector
 * reports about 156 px (±5 px; below ~100 px the detector's box stops shrinking, see clips.md).
 */
const ASTRONAUT_FACE = { x: 177.5, y: 77, width: 100, height: 100 } as const;

/** Warm light-grey studio backdrop sampled from astronaut.png's own background, darker towards the floor. */
const BACKDROP_TOP: Rgb = [198, 189, 186];
const BACKDROP_BOTTOM: Rgb = [138, 131, 128];
const BACKDROP_MID: Rgb = [168, 160, 157];

export interface ClipScenario {
  description: string;
  /** The guidance the widget should give for this clip. */
  expect: GuidanceCode;
  frames(): RgbImage[];
}

const fixtureCache = new Map<FixtureName, RgbImage>();

function fixture(name: FixtureName): RgbImage {
  let image = fixtureCache.get(name);
  if (!image) {
    image = loadPng(`${FIXTURES_DIR}${name}`);
    fixtureCache.set(name, image);
  }
  return image;
}

/**
 * The astronaut's eyes in astronaut.png's own pixels, from the face landmarker's mesh (FaceLandmarker 1.1.0,
 * IMAGE mode, `src/assets/face_landmarker.task`): centre of the six eye-contour points and corner-to-corner width.
 * The lid, lens and mask edits below are laid out on them.
 */
const ASTRONAUT_EYES = [
  { cx: 204.3, cy: 101.2, width: 18.1 },
  { cx: 246.4, cy: 103.3, width: 18.8 },
] as const;
/** Mesh point 168 (the bridge of the nose between the eyes) and the mouth's centre (mesh 0/17), same pixels. */
const ASTRONAUT_NOSE_BRIDGE = { x: 224.9, y: 100.5 } as const;
const ASTRONAUT_MOUTH = { x: 223.2, y: 147.5 } as const;

/** A frame of spectacles: two rims and the bridge between them. */
function spectacleRims(color: Rgb, stroke: number): EllipsePaint[] {
  return [
    ...ASTRONAUT_EYES.map((eye) => ({
      ellipse: { cx: eye.cx, cy: eye.cy + 1, rx: 14, ry: 10.5 },
      color,
      opacity: 1,
      feather: 0.8,
      stroke,
    })),
    {
      ellipse: { cx: ASTRONAUT_NOSE_BRIDGE.x, cy: ASTRONAUT_NOSE_BRIDGE.y - 1, rx: 7.5, ry: 1 },
      color,
      opacity: 1,
      feather: 0.8,
    },
  ];
}

/** Edits of astronaut.png for the face-landmark checks: what a person does to their eyes or mouth. */
const ASTRONAUT_EDITS = {
  /** Lids shut: each eye painted over with the skin just below it, a dark lash line along the middle. */
  'closed-lids': (image: RgbImage) =>
    paintEllipses(
      image,
      ASTRONAUT_EYES.flatMap((eye): EllipsePaint[] => [
        {
          ellipse: { cx: eye.cx, cy: eye.cy, rx: eye.width * 0.65, ry: 6 },
          color: meanColor(image, { cx: eye.cx, cy: eye.cy + 9, rx: 5, ry: 2.5 }),
          opacity: 1,
          feather: 1.5,
        },
        {
          ellipse: { cx: eye.cx, cy: eye.cy + 1.2, rx: eye.width * 0.5, ry: 0.7 },
          color: [70, 45, 40],
          opacity: 0.5,
          feather: 0.8,
        },
      ]),
    ),
  /** Sunglasses: near-black lenses over both eyes with a faint reflection, in a black frame. */
  'dark-lenses': (image: RgbImage) =>
    paintEllipses(image, [
      ...ASTRONAUT_EYES.flatMap((eye): EllipsePaint[] => [
        { ellipse: { cx: eye.cx, cy: eye.cy + 1, rx: 14, ry: 10.5 }, color: [20, 22, 26], opacity: 0.93, feather: 1.2 },
        { ellipse: { cx: eye.cx - 5, cy: eye.cy - 4, rx: 4, ry: 2 }, color: [90, 95, 105], opacity: 0.3, feather: 3 },
      ]),
      ...spectacleRims([10, 10, 12], 1.5),
    ]),
  /** Prescription glasses: thin dark rims and clear lenses with a hint of reflection. Must pass every check. */
  'clear-glasses': (image: RgbImage) =>
    paintEllipses(image, [
      ...ASTRONAUT_EYES.map((eye): EllipsePaint => ({
        ellipse: { cx: eye.cx, cy: eye.cy + 1, rx: 14, ry: 10.5 },
        color: [225, 232, 238],
        opacity: 0.07,
        feather: 1,
      })),
      ...spectacleRims([35, 32, 30], 1.6),
    ]),
  /** A light-blue surgical mask over the nose tip, the mouth and the chin, with three pleats. */
  'face-mask': (image: RgbImage) =>
    paintEllipses(image, [
      {
        ellipse: { cx: ASTRONAUT_MOUTH.x, cy: ASTRONAUT_MOUTH.y + 6, rx: 42, ry: 32 },
        color: [168, 198, 222],
        opacity: 1,
        feather: 1.5,
      },
      ...[-10, 1, 12].map((dy): EllipsePaint => ({
        ellipse: { cx: ASTRONAUT_MOUTH.x, cy: ASTRONAUT_MOUTH.y + 6 + dy, rx: 36, ry: 0.8 },
        color: [140, 168, 192],
        opacity: 0.8,
        feather: 0.8,
      })),
    ]),
} satisfies Record<string, (image: RgbImage) => RgbImage>;

type AstronautEdit = keyof typeof ASTRONAUT_EDITS;

const editedAstronautCache = new Map<AstronautEdit, RgbImage>();

function astronautSource(edit: AstronautEdit | undefined): RgbImage {
  const source = fixture('astronaut.png');
  if (!edit) return source;
  let image = editedAstronautCache.get(edit);
  if (!image) {
    image = ASTRONAUT_EDITS[edit](source);
    editedAstronautCache.set(edit, image);
  }
  return image;
}

const scaledAstronautCache = new Map<string, RgbImage>();

/** astronaut.png (or an edit of it) scaled so its face box is `faceWidth` pixels wide (memoised). */
function scaledAstronaut(faceWidth: number, edit?: AstronautEdit): { image: RgbImage; scale: number } {
  const scale = faceWidth / ASTRONAUT_FACE.width;
  const key = `${edit ?? 'original'}@${faceWidth}`;
  let image = scaledAstronautCache.get(key);
  if (!image) {
    const source = astronautSource(edit);
    image = resize(source, Math.round(source.width * scale), Math.round(source.height * scale));
    scaledAstronautCache.set(key, image);
  }
  return { image, scale };
}

function backdrop(width = FRAME_WIDTH, height = FRAME_HEIGHT): RgbImage {
  return verticalGradient(width, height, BACKDROP_TOP, BACKDROP_BOTTOM);
}

interface FacePlacement {
  /** Target width of the detector's face box, in frame pixels. */
  faceWidth: number;
  /** Where the face box centre lands; defaults to the canvas centre (the guide oval's centre). */
  faceCenterX?: number;
  faceCenterY?: number;
  /** An edit of the photo (closed lids, glasses, a mask); the original photo when omitted. */
  edit?: AstronautEdit;
}

/** Places the astronaut photo on `canvas` so that her face box has the requested size and centre. */
function placeAstronaut(canvas: RgbImage, placement: FacePlacement): RgbImage {
  const { faceWidth, faceCenterX = canvas.width / 2, faceCenterY = canvas.height / 2, edit } = placement;
  const { image, scale } = scaledAstronaut(faceWidth, edit);
  const sourceCenterX = (ASTRONAUT_FACE.x + ASTRONAUT_FACE.width / 2) * scale;
  const sourceCenterY = (ASTRONAUT_FACE.y + ASTRONAUT_FACE.height / 2) * scale;
  // Feather the photo's border so its rectangle does not read as a hard edge in the frame.
  return compose(canvas, image, faceCenterX - sourceCenterX, faceCenterY - sourceCenterY, Math.max(4, 12 * scale));
}

/** The standard framing: one face on the studio backdrop. */
function portrait(placement: FacePlacement): RgbImage {
  return placeAstronaut(backdrop(), placement);
}

/** A photo scaled to cover the whole frame (cropping the overflow), like a camera pointed at that scene. */
function coverFrame(source: RgbImage): RgbImage {
  const scale = Math.max(FRAME_WIDTH / source.width, FRAME_HEIGHT / source.height);
  const scaled = resize(source, Math.ceil(source.width * scale), Math.ceil(source.height * scale));
  return crop(
    scaled,
    Math.floor((scaled.width - FRAME_WIDTH) / 2),
    Math.floor((scaled.height - FRAME_HEIGHT) / 2),
    FRAME_WIDTH,
    FRAME_HEIGHT,
  );
}

function still(frame: RgbImage, count = STILL_FRAMES): RgbImage[] {
  return Array.from({ length: count }, () => frame);
}

/** Face width of the well-framed portrait: inside the 0.30–0.35 × frame-height band the guide oval asks for. */
const GOOD_FACE_WIDTH = 156;

/**
 * Rotated framing: the portrait is laid out on a canvas larger than the frame's diagonal, rotated, then the
 * centre cut out, so no empty corners enter the picture.
 */
function tiltedPortrait(degrees: number): RgbImage {
  const side = Math.ceil(Math.hypot(FRAME_WIDTH, FRAME_HEIGHT)) + 2;
  const canvas = placeAstronaut(backdrop(side, side), { faceWidth: GOOD_FACE_WIDTH });
  const rotated = rotate(canvas, degrees, BACKDROP_MID);
  const left = Math.floor((side - FRAME_WIDTH) / 2);
  const top = Math.floor((side - FRAME_HEIGHT) / 2);
  return crop(rotated, left, top, FRAME_WIDTH, FRAME_HEIGHT);
}

/** Per-frame jitter for the shaking clip: irregular so that sampling every k-th frame still sees motion. */
function shakeOffset(frame: number, amplitude: number): { dx: number; dy: number } {
  return {
    dx: Math.round(amplitude * Math.sin(frame * 2.4 + 0.3)),
    dy: Math.round(amplitude * 0.6 * Math.cos(frame * 1.7)),
  };
}

export const CLIP_SCENARIOS = {
  good: {
    description: 'astronaut face centred, box ≈ 156 px wide (fills the guide oval)',
    expect: 'ok',
    frames: () => still(portrait({ faceWidth: GOOD_FACE_WIDTH })),
  },
  'no-face': {
    // Not the whole coffee photo: BlazeFace scores the round cup as a face at 0.38–0.52 (see clips.md).
    description: 'top-left quarter of the coffee photo (wooden table, saucer rim, cup edge) filling the frame',
    expect: 'no-face',
    frames: () => still(coverFrame(crop(fixture('coffee.png'), 0, 0, 300, 225))),
  },
  'low-confidence': {
    description: 'cat (chelsea) filling the frame: face-like but not human',
    expect: 'low-confidence',
    frames: () => still(coverFrame(fixture('chelsea.png'))),
  },
  'multiple-faces': {
    description: 'two copies of the astronaut side by side, face boxes ≈ 120 px',
    expect: 'multiple-faces',
    frames: () =>
      still(
        placeAstronaut(portrait({ faceWidth: 120, faceCenterX: 170, faceCenterY: 220 }), {
          faceWidth: 120,
          faceCenterX: 470,
          faceCenterY: 220,
        }),
      ),
  },
  'too-far': {
    // About the smallest face the short-range model still scores ≥ 0.8 at 640×480.
    description: 'face centred but small, box ≈ 100 px wide',
    expect: 'too-far',
    frames: () => still(portrait({ faceWidth: 100 })),
  },
  'too-close': {
    description: 'face centred and very large, box ≈ 300 px wide (still fully in frame)',
    expect: 'too-close',
    frames: () => still(portrait({ faceWidth: 300 })),
  },
  'off-center': {
    description: 'good-sized face shifted towards the top-left corner, fully in frame',
    expect: 'off-center',
    frames: () => still(portrait({ faceWidth: GOOD_FACE_WIDTH, faceCenterX: 150, faceCenterY: 140 })),
  },
  turned: {
    description: 'good portrait with the right half of the face squeezed: nose shifted towards the right ear (yaw)',
    expect: 'turned',
    frames: () =>
      still(
        horizontalSquash(portrait({ faceWidth: GOOD_FACE_WIDTH }), {
          centerX: FRAME_WIDTH / 2,
          halfWidth: GOOD_FACE_WIDTH * 0.6,
          factor: 0.4,
          side: 'right',
        }),
      ),
  },
  tilted: {
    description: 'good portrait rotated 30° clockwise (roll)',
    expect: 'tilted',
    frames: () => still(tiltedPortrait(30)),
  },
  'too-dark': {
    description: 'good portrait under-exposed (×0.3, gamma 1.3)',
    expect: 'too-dark',
    frames: () => still(gamma(scaleBrightness(portrait({ faceWidth: GOOD_FACE_WIDTH }), 0.3), 1.3)),
  },
  'too-bright': {
    // Stronger over-exposure starts to wreck the keypoints (roll and yaw drift) and the score drops below 0.7.
    description: 'good portrait over-exposed (×1.5, gamma 0.9): half the face clips to white',
    expect: 'too-bright',
    frames: () => still(gamma(scaleBrightness(portrait({ faceWidth: GOOD_FACE_WIDTH }), 1.5), 0.9)),
  },
  backlit: {
    description: 'good portrait with the subject at 0.55 exposure in front of a blown-out near-white background',
    expect: 'backlit',
    frames: () =>
      still(
        backlight(
          portrait({ faceWidth: GOOD_FACE_WIDTH }),
          [
            { cx: FRAME_WIDTH / 2, cy: FRAME_HEIGHT / 2 - 10, rx: GOOD_FACE_WIDTH * 0.75, ry: GOOD_FACE_WIDTH * 0.95 },
            { cx: FRAME_WIDTH / 2, cy: FRAME_HEIGHT + 60, rx: GOOD_FACE_WIDTH * 1.6, ry: GOOD_FACE_WIDTH * 1.3 },
          ],
          { subjectExposure: 0.55, backgroundLevel: 246, feather: 14 },
        ),
      ),
  },
  blurry: {
    description: 'good portrait out of focus (gaussian σ = 4 px)',
    expect: 'blurry',
    frames: () => still(gaussianBlur(portrait({ faceWidth: GOOD_FACE_WIDTH }), 4)),
  },
  moving: {
    description: 'good portrait shaking by up to ±25 px horizontally and ±15 px vertically every frame',
    expect: 'moving',
    frames: () =>
      Array.from({ length: MOTION_FRAMES }, (_, frame) => {
        const { dx, dy } = shakeOffset(frame, 25);
        return portrait({
          faceWidth: GOOD_FACE_WIDTH,
          faceCenterX: FRAME_WIDTH / 2 + dx,
          faceCenterY: FRAME_HEIGHT / 2 + dy,
        });
      }),
  },
  'eyes-closed': {
    description: 'good portrait with both eyelids painted shut in skin tone (a dark lash line left)',
    expect: 'eyes-closed',
    frames: () => still(portrait({ faceWidth: GOOD_FACE_WIDTH, edit: 'closed-lids' })),
  },
  'eyes-covered': {
    description: 'good portrait wearing sunglasses: near-black lenses and frame over both eyes',
    expect: 'eyes-covered',
    frames: () => still(portrait({ faceWidth: GOOD_FACE_WIDTH, edit: 'dark-lenses' })),
  },
  'mouth-covered': {
    description: 'good portrait wearing a light-blue surgical mask from the nose tip to the chin',
    expect: 'mouth-covered',
    frames: () => still(portrait({ faceWidth: GOOD_FACE_WIDTH, edit: 'face-mask' })),
  },
  'clear-glasses': {
    description: 'good portrait wearing prescription glasses: thin dark rims, clear lenses (must be captured)',
    expect: 'ok',
    frames: () => still(portrait({ faceWidth: GOOD_FACE_WIDTH, edit: 'clear-glasses' })),
  },
  blinking: {
    description: 'good portrait blinking: eyes shut for 5 frames (≈ 170 ms) of every 30 (must be captured, eyes open)',
    expect: 'ok',
    frames: () => {
      const open = portrait({ faceWidth: GOOD_FACE_WIDTH });
      const shut = portrait({ faceWidth: GOOD_FACE_WIDTH, edit: 'closed-lids' });
      return Array.from({ length: MOTION_FRAMES }, (_, frame) => (frame >= BLINK_FROM_FRAME ? shut : open));
    },
  },
} satisfies Record<string, ClipScenario>;

export type ClipName = keyof typeof CLIP_SCENARIOS;

export const CLIP_NAMES = Object.keys(CLIP_SCENARIOS) as ClipName[];

export function isClipName(value: string): value is ClipName {
  return Object.hasOwn(CLIP_SCENARIOS, value);
}

function sha256(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

let inputsDigestPromise: Promise<string> | undefined;

/** Digest of everything the scenarios are built from: the generator's source text and the fixture bytes. */
function generatorInputsDigest(): Promise<string> {
  inputsDigestPromise ??= (async () => {
    const sources = await Promise.all(GENERATOR_SOURCES.map((url) => readFile(url)));
    const fixtures = await Promise.all(FIXTURE_FILES.map((name) => readFile(`${FIXTURES_DIR}${name}`)));
    return sha256(...sources, ...fixtures);
  })();
  return inputsDigestPromise;
}

/**
 * Cache key of one clip. Function bodies are not hashed directly (their text depends on which transpiler loaded
 * the module), so the generator's source files stand in for them via `inputsDigest`.
 */
export function clipCacheKey(name: string, scenario: ClipScenario, inputsDigest: string): string {
  return sha256(
    JSON.stringify({
      generator: GENERATOR_VERSION,
      name,
      description: scenario.description,
      expect: scenario.expect,
      inputs: inputsDigest,
    }),
  );
}

/** The sidecar holding the key the clip at `clipPath` was written with. */
function keyPath(clipPath: string): string {
  return `${clipPath}.key`;
}

/**
 * Writes the clip at `clipPath` unless a clip with the same `key` is already there.
 * @returns true when the clip was (re)written.
 */
export async function writeClipIfStale(clipPath: string, key: string, render: () => RgbImage[]): Promise<boolean> {
  const [storedKey, clipExists] = await Promise.all([
    readFile(keyPath(clipPath), 'utf8').catch(() => null),
    stat(clipPath).then(
      (info) => info.isFile(),
      () => false,
    ),
  ]);
  if (clipExists && storedKey?.trim() === key) return false;
  await writeY4m(clipPath, render(), FPS);
  // The key goes last: a crash in between leaves a stale key, which only costs a rewrite next time.
  await writeFile(keyPath(clipPath), `${key}\n`);
  return true;
}

const pending = new Map<ClipName, Promise<string>>();

/**
 * Path of the y4m clip for `name` under `test/.generated/`, generating it on first use and whenever the
 * generator or the fixtures changed. Concurrent calls in one process share the work.
 */
export function ensureClip(name: ClipName): Promise<string> {
  let promise = pending.get(name);
  if (!promise) {
    promise = (async () => {
      await mkdir(GENERATED_DIR, { recursive: true });
      const scenario: ClipScenario = CLIP_SCENARIOS[name];
      const clipPath = `${GENERATED_DIR}${name}.y4m`;
      const key = clipCacheKey(name, scenario, await generatorInputsDigest());
      await writeClipIfStale(clipPath, key, () => scenario.frames());
      return clipPath;
    })();
    // Forget failures so a later call can retry instead of replaying the rejection.
    promise.catch(() => pending.delete(name));
    pending.set(name, promise);
  }
  return promise;
}

/** Ensures every scenario's clip, one at a time (each render is CPU-bound), and returns their paths by name. */
export async function ensureAllClips(): Promise<Record<ClipName, string>> {
  const paths: Partial<Record<ClipName, string>> = {};
  for (const name of CLIP_NAMES) paths[name] = await ensureClip(name);
  return paths as Record<ClipName, string>;
}
