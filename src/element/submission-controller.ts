/**
 * Sends a packaged capture to the backend and waits for the verdict, and decides what "Try again" does after a
 * failure. The capture token is single use, so the controller remembers what was already delivered: once an
 * upload was accepted a retry waits for that check again, and a failed upload is re-sent as it was (same
 * idempotency key) so the backend recognises it as the same upload.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckStatus, UploadAccepted } from '../client/backend-client.js';
import { LivenessError, type LivenessErrorCode } from '../errors.js';
import { emit } from '../events/index.js';
import type { PackagedCapture } from '../package/capture-package.js';
import { loadAfterGuidance } from './after-guidance-loader.js';
import type { PhaseEvent } from './phase.js';

interface PreparedUpload extends PackagedCapture {
  /** Kept with the capture so a re-send is recognised by the backend as the same upload. */
  idempotencyKey: string;
}

/** The element: its settings, and the target of `liveness-submitted` and `liveness-complete`. */
export interface SubmissionHost extends ReactiveControllerHost, EventTarget {
  readonly endpoint: string;
  readonly token: string;
}

export interface SubmissionOptions {
  /** Moves the element's phase; false when the phase refuses the event. */
  go(event: PhaseEvent): boolean;
  onFail(error: LivenessError): void;
}

export class SubmissionController implements ReactiveController {
  private pending: PreparedUpload | null = null;
  /** The check the backend accepted and has not finished yet. */
  private accepted: UploadAccepted | null = null;
  /** The request in flight; aborting it drops its outcome. */
  private request: AbortController | null = null;

  constructor(
    private readonly host: SubmissionHost,
    private readonly options: SubmissionOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Whether the backend already took an upload of this attempt (so the token is spent). */
  get delivered(): boolean {
    return this.accepted !== null;
  }

  /** Sends a new capture. */
  async submit(packaged: PackagedCapture): Promise<void> {
    this.pending = { ...packaged, idempotencyKey: crypto.randomUUID() };
    await this.send(this.pending);
  }

  /** Resumes after `error` when that makes sense; false when the retry needs a new capture instead. */
  async retry(error: LivenessError | null): Promise<boolean> {
    if (this.accepted && error?.recoverable) {
      await this.awaitVerdict(this.accepted);
    } else if (this.pending && (error?.code === 'upload-failed' || error?.code === 'network')) {
      await this.send(this.pending);
    } else {
      return false;
    }
    return true;
  }

  /** Drops the request in flight, keeping what was prepared or accepted (a retry may still need it). */
  cancel(): void {
    this.request?.abort();
    this.request = null;
  }

  /** A new attempt: nothing of the previous one is re-sent or awaited. */
  reset(): void {
    this.cancel();
    this.pending = null;
    this.accepted = null;
  }

  private async send(prepared: PreparedUpload): Promise<void> {
    const signal = this.newRequest();
    if (!this.options.go('upload')) return;
    let accepted: UploadAccepted;
    try {
      const { uploadCapture } = await loadAfterGuidance();
      accepted = await uploadCapture({
        endpoint: this.host.endpoint,
        token: this.host.token,
        media: prepared.media,
        fileName: prepared.fileName,
        selfie: prepared.selfie,
        report: prepared.report,
        idempotencyKey: prepared.idempotencyKey,
        signal,
      });
    } catch (error) {
      if (!signal.aborted) this.options.onFail(asLivenessError(error, 'upload-failed'));
      return;
    }
    if (signal.aborted) return;
    this.pending = null;
    this.accepted = accepted;
    emit(this.host, 'liveness-submitted', accepted);
    await this.awaitVerdict(accepted);
  }

  /** Waits for the accepted check to finish; a retry after a failure here resumes the wait, not the capture. */
  private async awaitVerdict(accepted: UploadAccepted): Promise<void> {
    const signal = this.newRequest();
    if (!this.options.go('wait')) return;
    let status: CheckStatus;
    try {
      const { waitForCheck } = await loadAfterGuidance();
      status = await waitForCheck(this.host.endpoint, this.host.token, accepted.checkId, { signal });
    } catch (error) {
      if (!signal.aborted) this.options.onFail(asLivenessError(error, 'network'));
      return;
    }
    if (signal.aborted) return;
    this.accepted = null;
    const final = status.status === 'done' ? 'done' : 'failed';
    emit(this.host, 'liveness-complete', {
      checkId: accepted.checkId,
      sessionId: accepted.sessionId,
      status: final,
      ...(status.result !== undefined ? { result: status.result } : {}),
    });
    if (final === 'done') this.options.go('complete');
    else this.options.onFail(new LivenessError('check-failed', 'The backend could not complete the check.', false));
  }

  private newRequest(): AbortSignal {
    this.request?.abort();
    this.request = new AbortController();
    return this.request.signal;
  }
}

export function asLivenessError(error: unknown, fallback: LivenessErrorCode): LivenessError {
  if (error instanceof LivenessError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LivenessError(fallback, message, true, { cause: error });
}
