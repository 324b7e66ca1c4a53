/**
 * Owns the camera stream for the element: opens the user-facing camera on request, reports the track ending,
 * and stops every track when asked and when the element leaves the page (so the camera light goes off).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cameraErrorFrom, LivenessError } from '../errors.js';

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
  devices: MediaDeviceInfo[] = [];
  private startSerial = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: CameraControllerOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Opens the camera (a given device, or the user-facing one) at up to 1280×720. */
  async start(deviceId?: string): Promise<MediaStream> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new LivenessError(
        'unsupported-browser',
        'This browser cannot open the camera here (it needs a secure https:// page).',
        false,
      );
    }
    this.stop();
    const serial = ++this.startSerial;
    const video: MediaTrackConstraints = {
      width: { ideal: 1280 },
      height: { ideal: 720 },
      frameRate: { ideal: 30 },
      ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'user' }),
    };
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
    } catch (error) {
      throw cameraErrorFrom(error);
    }
    if (serial !== this.startSerial) {
      // stop() or another start() came while the permission prompt was open: drop this stream.
      stopTracks(stream);
      throw new LivenessError('camera-ended', 'The camera was stopped while it was opening.');
    }
    this.stream = stream;
    for (const track of stream.getVideoTracks()) {
      track.addEventListener('ended', () => {
        if (this.stream === stream) this.options.onEnded();
      });
    }
    this.devices = await listCameras();
    this.host.requestUpdate();
    return stream;
  }

  stop(): void {
    this.startSerial++;
    if (this.stream) stopTracks(this.stream);
    this.stream = null;
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
