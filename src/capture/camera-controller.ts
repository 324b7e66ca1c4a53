/**
 * Owns the camera stream for the element: opens the user-facing camera (or a chosen one) on request, keeps the
 * list of cameras current, reports the track ending, and stops every track when asked and when the element
 * leaves the page (so the camera light goes off).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cameraErrorFrom, errorName, LivenessError } from '../errors.js';

export interface CameraInfo {
  deviceId: string;
  label: string;
  width: number;
  height: number;
}

export interface CameraControllerOptions {
  /** Called when the live track ends without us stopping it (unplugged, revoked, taken by another app). */
  onEnded: () => void;
}

export class CameraController implements ReactiveController {
  stream: MediaStream | null = null;
  /** The <video> the stream plays in, emptied when the camera stops. */
  private playingIn: HTMLVideoElement | null = null;
  /** The video inputs, as of the last camera start or device change. */
  devices: MediaDeviceInfo[] = [];
  /** The camera being opened or open: stop() and a newer open abort it, and a stream it then gets is dropped. */
  private opening: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: CameraControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
  }

  hostDisconnected(): void {
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.stop();
  }

  /**
   * Opens the camera and plays it in the host's <video>, read once the host has rendered. Resolves with that
   * video, or null when stop() or a newer open came first; throws a LivenessError when the camera cannot be
   * opened (camera-denied, camera-not-found, unsupported-browser, …) or played (camera-in-use).
   */
  async preview(deviceId: string | undefined, video: () => HTMLVideoElement | null): Promise<HTMLVideoElement | null> {
    const opened = await this.start(deviceId);
    if (!opened) return null;
    const { stream, signal } = opened;
    await this.host.updateComplete;
    const element = video();
    if (signal.aborted || !element) return null;
    element.srcObject = stream;
    this.playingIn = element;
    try {
      await element.play();
    } catch (error) {
      if (signal.aborted) return null;
      const message = error instanceof Error ? error.message : String(error);
      throw new LivenessError('camera-in-use', message, true, { cause: error });
    }
    return signal.aborted ? null : element;
  }

  /**
   * Opens the camera at up to 1280×720: the given device, or the user-facing one. A device id that no longer
   * exists (ids change when cameras are replugged or site data is cleared) falls back to the default camera
   * rather than failing; the caller sees which camera it got through info(). Null when stopped meanwhile.
   */
  private async start(deviceId?: string): Promise<{ stream: MediaStream; signal: AbortSignal } | null> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new LivenessError(
        'unsupported-browser',
        'This browser cannot open the camera here (it needs a secure https:// page).',
        false,
      );
    }
    this.stop();
    const opening = new AbortController();
    this.opening = opening;
    const { signal } = opening;
    let stream: MediaStream;
    try {
      stream = await openCamera(deviceId);
    } catch (error) {
      if (signal.aborted) return null;
      if (!deviceId || !isMissingDevice(error)) throw cameraErrorFrom(error);
      try {
        stream = await openCamera(undefined);
      } catch (fallbackError) {
        if (signal.aborted) return null;
        throw cameraErrorFrom(fallbackError);
      }
    }
    if (signal.aborted) {
      // stop() or another start() came while the permission prompt was open: drop this stream.
      stopTracks(stream);
      return null;
    }
    this.stream = stream;
    for (const track of stream.getVideoTracks()) {
      track.addEventListener('ended', () => {
        if (this.stream === stream) this.options.onEnded();
      });
    }
    // Labels are only listed once permission is granted, so the list is read after opening the camera; the camera
    // starts playing meanwhile rather than after it (the list only fills the camera picker).
    void listCameras().then((devices) => {
      if (this.stream !== stream) return;
      this.devices = devices;
      this.host.requestUpdate();
    });
    this.host.requestUpdate();
    return { stream, signal };
  }

  stop(): void {
    this.opening?.abort();
    this.opening = null;
    if (this.stream) stopTracks(this.stream);
    this.stream = null;
    if (this.playingIn) this.playingIn.srcObject = null;
    this.playingIn = null;
  }

  info(): CameraInfo | null {
    const track = this.stream?.getVideoTracks()[0];
    if (!track) return null;
    const settings = track.getSettings();
    return {
      deviceId: settings.deviceId ?? '',
      label: track.label,
      width: settings.width ?? 0,
      height: settings.height ?? 0,
    };
  }

  /** The frame rate the camera delivers, for estimating a recording's frame count. */
  frameRate(): number {
    return this.stream?.getVideoTracks()[0]?.getSettings().frameRate ?? 30;
  }

  private readonly onDeviceChange = (): void => {
    // Only while a camera is open: before that the list has no labels and nothing shows it.
    if (!this.stream) return;
    void listCameras().then((devices) => {
      this.devices = devices;
      this.host.requestUpdate();
    });
  };
}

function openCamera(deviceId: string | undefined): Promise<MediaStream> {
  const video: MediaTrackConstraints = {
    width: { ideal: 1280 },
    height: { ideal: 720 },
    frameRate: { ideal: 30 },
    ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'user' }),
  };
  return navigator.mediaDevices.getUserMedia({ video, audio: false });
}

function isMissingDevice(error: unknown): boolean {
  const name = errorName(error);
  return name === 'OverconstrainedError' || name === 'NotFoundError';
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

async function listCameras(): Promise<MediaDeviceInfo[]> {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((d) => d.kind === 'videoinput');
  } catch {
    return [];
  }
}
