/**
 * Gathers the clip of a video-mode capture while the frame holds good: a MediaRecorder recording of the camera
 * (MP4 or WebM), or, where the browser cannot record or the integrator asked for it, JPEG copies of sampled
 * frames for a multi-frame shotset. The capture session says when a clip starts, feeds it frames and drops it
 * when a frame fails; the element takes the finished clip with the captured frame.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClipFallback } from '../shared/media.js';
import type { ClipSource } from './capture-package.js';
import { encodeJpeg } from './jpeg.js';
import { probedRecorder } from './recorder-probe.js';
import { startClipRecording, supportedClipType } from './video.js';

export type ClipKind = ClipSource['kind'];

export interface ClipRecorderOptions {
  /** The live camera stream to record, or null when it is gone. */
  stream(): MediaStream | null;
  /** The camera's frame rate, for estimating a recording's frame count. */
  frameRate(): number;
}

export class ClipRecorder implements ReactiveController {
  private clip: ClipSource | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ClipRecorderOptions,
  ) {
    host.addController(this);
  }

  /** How a clip is gathered for `mode`, or null when the mode has no clip; browsers that cannot record get frames. */
  static kindFor(mode: string, videoFormat: 'recording' | 'shotset'): ClipKind | null {
    if (mode !== 'video') return null;
    if (videoFormat !== 'recording') return 'frames';
    // The probe's answer where it has one (a supported type may still record nothing), else isTypeSupported's.
    const probe = probedRecorder();
    return (probe ? probe.type : supportedClipType()) ? 'recording' : 'frames';
  }

  /** Why a recording was asked for but frames are gathered instead; undefined when nothing fell back. */
  static fallbackFor(mode: string, videoFormat: 'recording' | 'shotset'): ClipFallback | undefined {
    if (mode !== 'video' || videoFormat !== 'recording') return undefined;
    const probe = probedRecorder();
    if (probe && probe.type === null) return probe.fallback;
    return supportedClipType() || probe?.type ? undefined : 'no-recorder';
  }

  hostDisconnected(): void {
    this.discard();
  }

  /** Starts a new clip, dropping any earlier one; throws when the recording cannot start. */
  start(kind: ClipKind, durationMs: number): void {
    this.discard();
    if (kind === 'frames') {
      this.clip = { kind: 'frames', frames: [] };
      return;
    }
    const stream = this.options.stream();
    if (!stream) throw new Error('the camera stream is gone');
    const recording = startClipRecording(stream, undefined, probedRecorder()?.type ?? supportedClipType());
    this.clip = { kind: 'recording', recording, frameRate: this.options.frameRate(), durationMs };
  }

  /** Adds a sampled frame (owned by the recorder from now on) to a frames clip; other clips ignore it. */
  addFrame(frame: ImageBitmap): void {
    if (this.clip?.kind !== 'frames') {
      frame.close();
      return;
    }
    const jpeg = encodeJpeg(frame)
      .then((encoded) => encoded.blob)
      .finally(() => frame.close());
    // Awaited when the clip is packaged; a discarded clip's failed encoding must not surface as unhandled.
    jpeg.catch(() => undefined);
    this.clip.frames.push(jpeg);
  }

  /** Hands the clip over to the caller (who packages it) and forgets it. */
  take(): ClipSource | null {
    const clip = this.clip;
    this.clip = null;
    return clip;
  }

  discard(): void {
    if (this.clip?.kind === 'recording') this.clip.recording.cancel();
    this.clip = null;
  }
}
