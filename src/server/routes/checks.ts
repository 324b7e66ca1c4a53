/**
 * The widget's routes (capture token): what media the providers accept, upload a check, read its status.
 *
 * POST /checks order matters: authenticate, then refuse a used token (unless this is an idempotent retry), then
 * read and validate the whole upload, and only then consume the token and store the check in one atomic step, so a
 * refused upload stores nothing and leaves the token usable.
 */
import type { Context } from 'hono';
import { httpError } from '../errors.js';
import { requireBearer } from '../http/auth.js';
import { nodeRequestBody, readMultipart, type MultipartUpload } from '../http/body.js';
import { acceptedMediaTypes, captureOptions, isMediaTypeAccepted } from '../providers/media-acceptance.js';
import { checkStatusView } from '../results.js';
import type { CheckRecord, TokenUse } from '../store/types.js';
import { assertOriginAllowed, type CaptureClaims } from '../tokens.js';
import type { AppEnv, BackendApp, RouteDeps } from './deps.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** The parts of an upload. Anything else is refused, not ignored: it has no meaning, so it is a client bug or junk. */
const UPLOAD_PARTS: ReadonlySet<string> = new Set(['media', 'selfie', 'report']);
/** Room for a duplicate or two (refused below with a precise message); thousands of parts are refused while reading. */
const MAX_UPLOAD_PARTS = 16;

export function registerCheckRoutes(app: BackendApp, deps: RouteDeps): void {
  const { config, store, processor, clock, logger } = deps;

  // Read before the capture so the widget records what the providers take; it does not use the token.
  app.get('/capture-options', async (c) => {
    await authenticate(c, deps);
    return c.json(captureOptions(config.providers), 200, { 'cache-control': 'no-store' });
  });

  app.post('/checks', async (c) => {
    const claims = await authenticate(c, deps);
    const idempotencyKey = readIdempotencyKey(c);
    const earlierUse = await store.getTokenUse(claims.tokenId);
    if (earlierUse) return replayOrRefuse(c, deps, earlierUse, idempotencyKey);
    const session = await store.getSession(claims.sessionId);
    if (!session) throw httpError('not-found', 'the session of this token no longer exists');

    const startedAt = clock();
    const upload = await readMultipart(c.req.raw, {
      maxBytes: config.maxUploadBytes,
      parts: UPLOAD_PARTS,
      unknownPart: (name) =>
        `unknown part ${JSON.stringify(name.slice(0, 64))}: send "media", "report" and optionally "selfie"`,
      maxParts: MAX_UPLOAD_PARTS,
      nodeBody: nodeRequestBody(c.env),
    });
    const validated = await deps.validator.validate({
      media: singleFile(upload, 'media', true) ?? new Uint8Array(0),
      selfie: singleFile(upload, 'selfie', false),
      report: singleField(upload, 'report'),
    });
    // After validation, so a broken upload gets its precise code; before anything is stored, so the token stays.
    if (!isMediaTypeAccepted(validated.info.contentType, config.providers)) {
      throw httpError(
        'media-type-not-accepted',
        `${validated.info.contentType} media is not accepted by the configured providers (${config.providers.join(', ')}); ` +
          `send one of ${acceptedMediaTypes(config.providers).join(', ')} (GET /capture-options lists the recordings)`,
      );
    }

    const now = clock();
    const check: CheckRecord = {
      id: crypto.randomUUID(),
      sessionId: session.id,
      status: 'processing',
      policy: config.policy,
      media: validated.info,
      report: validated.report,
      providers: [],
      checkpoints: {},
      verdict: null,
      createdAt: now,
      completedAt: null,
      mediaExpiresAt: null,
      mediaDeleted: false,
    };
    const use: TokenUse = {
      tokenId: claims.tokenId,
      sessionId: session.id,
      checkId: check.id,
      expiresAt: claims.expiresAt,
      idempotencyKey,
    };
    const accepted = await store.acceptCheck(
      check,
      { media: validated.media.bytes, selfieJpeg: validated.media.selfieJpeg },
      use,
    );
    if (!accepted.accepted) return replayOrRefuse(c, deps, accepted.existing, idempotencyKey);

    processor.start(check.id, validated.media, { check, session });
    logger.info('check-accepted', {
      checkId: check.id,
      sessionId: session.id,
      kind: check.media.kind,
      bytes: check.media.bytes,
      selfieSource: check.media.selfieSource,
      validationMs: now - startedAt,
    });
    return c.json({ checkId: check.id, sessionId: session.id, status: 'processing' }, 202);
  });

  app.get('/checks/:id', async (c) => {
    const claims = await authenticate(c, deps);
    const check = await store.getCheck(c.req.param('id'));
    if (!check) throw httpError('not-found', 'no such check');
    if (check.sessionId !== claims.sessionId) {
      throw httpError('token-session-mismatch', 'this capture token belongs to another session');
    }
    return c.json(checkStatusView(check, config.exposeResult));
  });
}

/** Signature, expiry, audience, origin binding, then the per-session rate limit. */
async function authenticate(c: Context<AppEnv>, deps: RouteDeps): Promise<CaptureClaims> {
  const claims = await deps.tokens.verify(requireBearer(c.req.raw, 'token-missing'));
  assertOriginAllowed(claims, c.req.header('origin') ?? null);
  await deps.sessionLimiter.take(claims.sessionId);
  return claims;
}

/** A retry with the token's own Idempotency-Key gets the check it created; any other reuse is refused. */
async function replayOrRefuse(
  c: Context<AppEnv>,
  deps: RouteDeps,
  use: TokenUse,
  idempotencyKey: string | null,
): Promise<Response> {
  if (idempotencyKey === null || use.idempotencyKey !== idempotencyKey) {
    throw httpError('token-used', 'this capture token was already used for a check');
  }
  const check = await deps.store.getCheck(use.checkId);
  if (!check) throw httpError('not-found', 'the check of this token no longer exists');
  deps.logger.info('check-replayed', { checkId: check.id, sessionId: check.sessionId });
  return c.json({ checkId: check.id, sessionId: check.sessionId, status: check.status }, 202);
}

function readIdempotencyKey(c: Context<AppEnv>): string | null {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw httpError('invalid-request', 'Idempotency-Key must be 1-255 visible ASCII characters');
  }
  return key;
}

function singleFile(upload: MultipartUpload, name: string, required: boolean): Uint8Array | null {
  const files = upload.files.get(name) ?? [];
  if (upload.fields.has(name)) throw httpError('invalid-request', `"${name}" must be a file part`);
  if (files.length > 1) throw httpError('invalid-request', `send one "${name}" part`);
  const file = files[0] ?? null;
  if (required && (file === null || file.length === 0))
    throw httpError('invalid-request', `the "${name}" file part is required`);
  return file;
}

function singleField(upload: MultipartUpload, name: string): string | null {
  const values = upload.fields.get(name) ?? [];
  // The widget may send the report as a Blob; accept a file part holding the JSON too.
  const files = upload.files.get(name) ?? [];
  if (values.length + files.length > 1) throw httpError('invalid-request', `send one "${name}" part`);
  if (files[0]) return new TextDecoder().decode(files[0]);
  return values[0] ?? null;
}
