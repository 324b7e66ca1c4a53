/**
 * The JSON views of stored records. Pure: the integrator's result (everything, for the API key holder) and the
 * widget's check status (no scores unless LIVENESS_EXPOSE_RESULT).
 */
import type { CaptureReport, MediaKind } from '../shared/media.js';
import type { SessionStatus } from '../shared/providers.js';
import type { Decision, PolicyName } from './policy.js';
import type { ProviderName } from './providers/types.js';
import { evaluateSignals, type SessionSignals } from './signals.js';
import type { CheckRecord, CheckStatus, ProviderResultRecord, SessionRecord } from './store/types.js';

export type { SessionStatus } from '../shared/providers.js';

export interface SessionResult {
  sessionId: string;
  reference: string | null;
  /** pending: no upload yet; expired: the capture token expired unused. */
  status: SessionStatus;
  decision: Decision | null;
  /**
   * Present (always true) when a sandbox emulator, not the real provider, produced or will produce this result:
   * such a decision says nothing about the person. In production this needs LIVENESS_SANDBOX=true.
   */
  sandbox?: true;
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
    /** As in SessionResult: present when a sandbox emulator produced the result. */
    sandbox?: true;
    reason: string | null;
    providers: Array<Pick<ProviderResultRecord, 'provider' | 'status' | 'decision' | 'score'>>;
  };
}

/**
 * `configured` supplies the policy shown before any upload, the order providers are listed in, and (`sandboxed`)
 * the providers running on an emulator, which mark a result without provider answers yet.
 */
export function sessionResult(
  session: SessionRecord,
  check: CheckRecord | null,
  configured: { policy: PolicyName; providers: readonly ProviderName[]; sandboxed?: readonly ProviderName[] },
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
    ...(isSandboxResult(check, configured.sandboxed ?? []) ? { sandbox: true as const } : {}),
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

/** A result is a sandbox result when any provider answer in it came from an emulator, or, before any answer, when a configured provider is sandboxed. */
function isSandboxResult(check: CheckRecord | null, sandboxed: readonly ProviderName[]): boolean {
  const answers = check?.providers ?? [];
  return answers.length > 0 ? answers.some((answer) => answer.sandbox) : sandboxed.length > 0;
}

export function checkStatusView(check: CheckRecord, exposeResult: boolean): CheckStatusView {
  const view: CheckStatusView = { checkId: check.id, sessionId: check.sessionId, status: check.status };
  if (exposeResult) {
    view.result = {
      decision: check.verdict?.decision ?? null,
      ...(check.providers.some((answer) => answer.sandbox) ? { sandbox: true as const } : {}),
      reason: check.verdict?.reason ?? null,
      providers: check.providers.map(({ provider, status, decision, score }) => ({
        provider,
        status,
        decision,
        score,
      })),
    };
  }
  return view;
}
