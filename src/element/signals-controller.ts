/**
 * Feeds the SignalCollector while the camera plays: the track's description when it opens, every frame's
 * capture timestamp (its own requestVideoFrameCallback loop, so frames the detector skips still count),
 * `devicechange` events and the page being hidden. Its snapshot goes into the capture report.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SignalCollector } from '../capture/signals.js';
import type { CaptureSignals } from '../shared/signals.js';

interface FrameMetadata {
  mediaTime: number;
  presentedFrames: number;
  captureTime?: number;
}
type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: (now: number, metadata: FrameMetadata) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

export class SignalsController implements ReactiveController {
  private readonly collector = new SignalCollector();
  private video: VideoWithFrameCallback | null = null;
  private handle = 0;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  hostDisconnected(): void {
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.stop();
  }

  /** A new attempt. */
  reset(): void {
    this.stop();
    this.collector.reset();
  }

  /** The camera plays in `video`: describe its track and start timing its frames. */
  started(video: HTMLVideoElement, stream: MediaStream | null): void {
    this.stop();
    const track = stream?.getVideoTracks()[0];
    if (track) this.collector.cameraOpened(track);
    this.video = video;
    this.schedule();
  }

  /** Stops timing frames (the counts stay for the snapshot). */
  stop(): void {
    if (this.video?.cancelVideoFrameCallback) this.video.cancelVideoFrameCallback(this.handle);
    this.video = null;
  }

  snapshot(): CaptureSignals {
    return this.collector.snapshot();
  }

  private schedule(): void {
    const video = this.video;
    // Without requestVideoFrameCallback there are no capture timestamps: frame timing stays null.
    if (!video?.requestVideoFrameCallback) return;
    this.handle = video.requestVideoFrameCallback((_now, metadata) => {
      if (this.video !== video) return;
      // captureTime is the camera's own timestamp; mediaTime (seconds) is the stream's, where it is missing.
      this.collector.frame(metadata.captureTime ?? metadata.mediaTime * 1000, metadata.presentedFrames);
      this.schedule();
    });
  }

  private readonly onDeviceChange = (): void => {
    if (this.video) this.collector.deviceChanged();
  };

  private readonly onVisibilityChange = (): void => {
    if (this.video && document.visibilityState === 'hidden') this.collector.pageHidden();
  };
}
