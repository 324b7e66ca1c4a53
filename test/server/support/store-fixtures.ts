/** Records for the store tests (file-store.test.ts, store-contract.test.ts): one session, its check and token use. */
import type { CheckCompletion, CheckRecord, SessionRecord, TokenUse } from '../../../src/server/store/types.js';
import { report } from './backend.js';

export const session: SessionRecord = {
  id: 'session-1',
  reference: 'order-7',
  allowedOrigins: ['https://shop.example'],
  sandboxScenario: { oz: 'spoof' },
  createdAt: 1_000,
  tokenExpiresAt: 301_000,
};

export function check(id = 'check-1'): CheckRecord {
  return {
    id,
    sessionId: session.id,
    status: 'processing',
    policy: 'all',
    media: {
      kind: 'image',
      contentType: 'image/jpeg',
      fileName: 'capture.jpg',
      bytes: 4,
      tags: ['video_selfie', 'orientation_portrait'],
      selfieSize: { width: 480, height: 640 },
      selfieSource: 'image',
      frameCount: 1,
    },
    report: report(),
    providers: [],
    checkpoints: {},
    verdict: null,
    createdAt: 2_000,
    completedAt: null,
    mediaExpiresAt: null,
    mediaDeleted: false,
  };
}

export const use = (checkId = 'check-1', tokenId = 'token-1'): TokenUse => ({
  tokenId,
  sessionId: session.id,
  checkId,
  expiresAt: 301_000,
  idempotencyKey: 'key-1',
});
export const blobs = { media: new Uint8Array([1, 2, 3, 4]), selfieJpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) };

/** A live verdict at 5 s; `mediaExpiresAt` at the same moment means zero retention. */
export const liveVerdict = (mediaExpiresAt: number, extra: Partial<CheckCompletion> = {}): CheckCompletion => ({
  status: 'done',
  verdict: { decision: 'live', reason: 'all: live from kairos' },
  completedAt: 5_000,
  mediaExpiresAt,
  ...extra,
});
