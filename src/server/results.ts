/**
 * The JSON views of stored records. Pure: the integrator's result (everything, for the API key holder) and the
 * widget's check status (no scores unless LIVENESS_EXPOSE_RESULT).
 */
import type { CaptureReport, MediaKind } from '../shared/media.js';
import type { Decision, PolicyName } from './policy.js';
import type { ProviderName } from './providers/types.js';
import { evaluateSignals, type SessionSignals } from './signals.js';
import type { CheckRecord, CheckStatus, ProviderResultRecord, SessionRecord } from './store/types.js';

export type SessionStatus = 'pending' | 'expired' | CheckStatus;

export interface SessionResult {
  sessionId: string;
  reference: string | null;
  /** pending: no upload yet; expired: the capture token expired unused. */
  status: SessionStatus;
  decision: Decision | null;
  reason: string | null;
  policy: PolicyName;
  providers: ProviderResultRecord[];
  check: {
    checkId: string;
    mediaKind: MediaKind;
    contentType: string;
    bytes: number;
    selfieSource: string;
    mediaRetained: boolean;
    report: CaptureReport;
  } | null;
  /** Injection hints derived from the capture report (src/server/signals.ts); null before any upload. */
  signals: SessionSignals | null;
  createdAt: string;
  completedAt: string | null;
}

export interface CheckStatusView {
  checkId: string;
  sessionId: string;
  status: CheckStatus;
  result?: {
    decision: Decision | null;
    reason: string | null;
    providers: Array<Pick<ProviderResultRecord, 'provider' | 'status' | 'decision' | 'score'>>;
  };
}

/** `configured` supplies the policy shown before any upload and the order providers are listed in. */
export function sessionResult(
  session: SessionRecord,
  check: CheckRecord | null,
  configured: { policy: PolicyName; providers: readonly ProviderName[] },
  now: number,
): SessionResult {
  const rank = (provider: ProviderName): number => {
    const index = configured.providers.indexOf(provider);
    return index === -1 ? configured.providers.length : index;
  };
  const status: SessionStatus = check?.status ?? (now >= session.tokenExpiresAt ? 'expired' : 'pending');
  return {
    sessionId: session.id,
    reference: session.reference,
    status,
    decision: check?.verdict?.decision ?? null,
    reason: check?.verdict?.reason ?? null,
    policy: check?.policy ?? configured.policy,
    providers: [...(check?.providers ?? [])].sort((a, b) => rank(a.provider) - rank(b.provider)),
    check: check && {
      checkId: check.id,
      mediaKind: check.media.kind,
      contentType: check.media.contentType,
      bytes: check.media.bytes,
      selfieSource: check.media.selfieSource,
      mediaRetained: !check.mediaDeleted,
      report: check.report,
    },
    signals: check ? evaluateSignals(check.report.signals) : null,
    createdAt: new Date(session.createdAt).toISOString(),
    completedAt: check?.completedAt ? new Date(check.completedAt).toISOString() : null,
  };
}

export function checkStatusView(check: CheckRecord, exposeResult: boolean): CheckStatusView {
  const view: CheckStatusView = { checkId: check.id, sessionId: check.sessionId, status: check.status };
  if (exposeResult) {
    view.result = {
      decision: check.verdict?.decision ?? null,
      reason: check.verdict?.reason ?? null,
      providers: check.providers.map(({ provider, status, decision, score }) => ({ provider, status, decision, score })),
    };
  }
  return view;
}
