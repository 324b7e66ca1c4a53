/**
 * Calls back once per new video frame, never overlapping: while one frame is being analysed, newer frames are
 * skipped rather than queued, so detection latency never piles up on a slow device.
 */
export type FrameHandler = (timestamp: number) => Promise<void>;

type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: (now: number, metadata: { mediaTime: number }) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

export class FrameLoop {
  private running = false;
  private busy = false;
  private handle = 0;
  private lastMediaTime = -1;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onFrame: FrameHandler,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    // A playing video already shows a frame: analyse it now rather than wait up to a frame interval for the
    // next one, so the first guidance follows the camera starting at once.
    if (this.video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA)
      this.tick(performance.now(), this.video.currentTime);
    else this.schedule();
  }

  stop(): void {
    this.running = false;
    const video = this.video as VideoWithFrameCallback;
    if (video.cancelVideoFrameCallback) video.cancelVideoFrameCallback(this.handle);
    else cancelAnimationFrame(this.handle);
  }

  private schedule(): void {
    if (!this.running) return;
    const video = this.video as VideoWithFrameCallback;
    if (video.requestVideoFrameCallback) {
      this.handle = video.requestVideoFrameCallback((now, metadata) => this.tick(now, metadata.mediaTime));
    } else {
      this.handle = requestAnimationFrame((now) => this.tick(now, this.video.currentTime));
    }
  }

  private tick(now: number, mediaTime: number): void {
    if (!this.running) return;
    const fresh = mediaTime !== this.lastMediaTime && this.video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
    if (fresh && !this.busy) {
      this.lastMediaTime = mediaTime;
      this.busy = true;
      this.onFrame(now)
        .catch(this.onError)
        .finally(() => {
          this.busy = false;
        });
    }
    this.schedule();
  }
}
