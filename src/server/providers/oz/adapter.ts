/**
 * The Oz Forensics adapter: upload the capture to a new folder (or find the one an earlier attempt created, by
 * `meta_data.transaction_id`), start a QUALITY (liveness) analysis, poll it to a final status (a webhook may cut
 * waits short), and turn the result into a ProviderOutcome. Progress is checkpointed so a restarted backend
 * resumes polling instead of uploading again. Where Oz's public docs are silent it reads every documented shape
 * (README "How each adapter behaves").
 */
import type { CheckMedia, ProviderAdapter, ProviderCheckpoint, ProviderContext, ProviderOutcome } from '../types.js';
import { ProviderError } from '../types.js';
import { createProviderHttp, fetchProviderHttp, type ProviderHttp } from '../http.js';
import { OzClient, type OzCallContext, type OzLogger } from './client.js';
import { decideQuality } from './decision.js';
import { pollUntilFinal } from './poll.js';
import {
  OzErrorCode,
  analysisIdOf,
  ozAnalysisSchema,
  ozFolderSchema,
  ozStartedAnalysesSchema,
  type OzAnalysis,
  type OzFolder,
  type OzStartAnalysesBody,
} from './types.js';
import { prepareOzUpload, uploadMultipart, uploadPayload, type OzUpload } from './upload.js';
import { parseApiVersion } from './version.js';
import { AnalysisWakeups } from './wakeups.js';
import { analysisIdsIn } from './webhook.js';
import { sleep } from '../sleep.js';
import { findEarlierFolder, folderWithMedia, scenarioHeaders, uploadedMediaId } from './folders.js';

export interface OzConfig {
  /** Base URL; paths start with /api/. */
  apiUrl: string;
  login: string;
  password: string;
  /** Server API version, e.g. '4.0.8', '5.2.0', '6.0.1'; decides how a photo is uploaded. */
  apiVersion: string;
  sandbox: boolean;
  /** First poll delay, default 1000; later delays grow x1.5 up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Cap of the poll delay, default 5000. */
  maxPollIntervalMs?: number;
  /** Overall deadline for one check, default 120_000. */
  deadlineMs?: number;
  /** Per HTTP request, default 15_000; an upload gets this plus its size at `minUploadBytesPerSecond`. */
  requestTimeoutMs?: number;
  /** The slowest link an upload is given time for, default 64 KiB/s (10 MB in about 2.5 minutes). */
  minUploadBytesPerSecond?: number;
  /** First retry delay after a 5xx or network error, default 300 (doubles, with jitter). */
  retryBaseDelayMs?: number;
  /** Refresh the token when less than this is left before `expire_date`, default 60_000. */
  tokenRefreshMarginMs?: number;
  /** When set, sent as `resolution_endpoint` so Oz calls back when the analysis is done. */
  webhookUrl?: string;
  /** The HTTP client (default: undici's pooled request(), see ../http.ts). */
  http?: ProviderHttp;
  /** A fetch to send through instead (tests fake misbehaving providers with one); `http` wins when both are set. */
  fetch?: typeof fetch;
  /** Clock (epoch ms), injectable for tests of token refresh. */
  now?: () => number;
  /** Ids and timings only, never tokens or media. */
  logger?: OzLogger;
}

export interface OzAdapter extends ProviderAdapter {
  /** A webhook named these analyses (`analyse_id`/`analysis_id`): waiting polls re-read them from Oz at once. */
  receiveWebhook(body: unknown): void;
}

const DEFAULTS = {
  pollIntervalMs: 1000,
  maxPollIntervalMs: 5000,
  deadlineMs: 120_000,
  requestTimeoutMs: 15_000,
  retryBaseDelayMs: 300,
  tokenRefreshMarginMs: 60_000,
  maxAttempts: 3,
  minUploadBytesPerSecond: 64 * 1024,
} as const;

interface OzProgress {
  folderId: string;
  mediaId: string;
  analysisId: string;
}

/** One verify() call: its start, its HTTP context, and how far it got (for failure logs). */
interface CheckRun {
  startedAt: number;
  call: OzCallContext;
  progress?: OzProgress;
}

export function createOzAdapter(config: OzConfig): OzAdapter {
  validateConfig(config);
  const now = config.now ?? Date.now;
  const logger: OzLogger = config.logger ?? (() => {});
  const client = new OzClient({
    apiUrl: config.apiUrl,
    login: config.login,
    password: config.password,
    now,
    logger,
    refreshMarginMs: config.tokenRefreshMarginMs ?? DEFAULTS.tokenRefreshMarginMs,
    transport: {
      http: config.http ?? (config.fetch ? fetchProviderHttp(config.fetch) : createProviderHttp()),
      requestTimeoutMs: config.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      retryBaseDelayMs: config.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
      maxAttempts: DEFAULTS.maxAttempts,
      random: Math.random,
    },
  });
  const wakeups = new AnalysisWakeups();

  const requestTimeoutMs = config.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  const retryBaseDelayMs = config.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs;

  /**
   * Creates the folder with our media. An upload is billed and not safe to repeat: it is sent once per attempt
   * (no blind transport retry), its timeout grows with its size, and before every re-send after a timeout or a
   * 5xx the folder is looked up by `meta_data.transaction_id`, in case the lost answer hid a created folder.
   */
  async function createFolder(
    upload: OzUpload,
    ctx: ProviderContext,
    call: OzCallContext,
  ): Promise<{ folder: OzFolder; analysisId?: string }> {
    const payload = uploadPayload(upload, { sessionId: ctx.sessionId, checkId: ctx.checkId });
    const timeoutMs =
      requestTimeoutMs +
      Math.ceil(
        (upload.bytes.byteLength / (config.minUploadBytesPerSecond ?? DEFAULTS.minUploadBytesPerSecond)) * 1000,
      );
    const multipart = uploadMultipart(upload, payload);
    for (let attempt = 1; ; attempt++) {
      try {
        const folder = await client.call(
          {
            method: 'POST',
            path: '/api/folders/',
            multipart,
            headers: scenarioHeaders(ctx),
            schema: ozFolderSchema,
            operation: 'create folder',
            timeoutMs,
            maxAttempts: 1,
          },
          call,
        );
        return { folder };
      } catch (error) {
        if (
          !(error instanceof ProviderError && error.code === 'provider-unavailable') ||
          attempt >= DEFAULTS.maxAttempts
        ) {
          throw error;
        }
        await sleep(retryBaseDelayMs * 2 ** (attempt - 1), ctx.signal);
        const earlier = await findEarlierFolder(client, ctx, call);
        if (earlier) {
          logger('oz.folder.found_after_failure', {
            checkId: ctx.checkId,
            folderId: earlier.folder.folder_id,
            attempt,
          });
          return earlier;
        }
      }
    }
  }

  async function startQuality(
    folderId: string,
    mediaId: string,
    ctx: ProviderContext,
    call: OzCallContext,
  ): Promise<string> {
    const analyses = {
      analyses: [{ type: 'quality' as const, source_media: [mediaId], params: { extract_best_shot: false } }],
    };
    const start = (body: OzStartAnalysesBody) =>
      client.call(
        {
          method: 'POST',
          path: `/api/folders/${encodeURIComponent(folderId)}/analyses/`,
          json: body,
          headers: scenarioHeaders(ctx),
          schema: ozStartedAnalysesSchema,
          operation: 'start analyses',
        },
        call,
      );
    let started: OzAnalysis[];
    if (!config.webhookUrl) {
      // Best-shot extraction is off: we only need the score, and it slows the analysis down.
      started = await start(analyses);
    } else {
      try {
        started = await start({ ...analyses, resolution_endpoint: config.webhookUrl });
      } catch (error) {
        // The webhook field's name is undocumented publicly. If Oz calls the request an invalid structure, drop
        // the field and rely on polling, which is the source of truth anyway.
        if (!(error instanceof ProviderError && error.details.providerCode === OzErrorCode.invalidStructure))
          throw error;
        logger('oz.webhook.refused', { checkId: ctx.checkId, folderId });
        started = await start(analyses);
      }
    }
    const quality = started.find((analysis) => analysis.type?.toUpperCase() === 'QUALITY') ?? started[0];
    const analysisId = quality && analysisIdOf(quality);
    if (!analysisId) throw new ProviderError('oz', 'provider-protocol', 'Oz start analyses returned no analysis id');
    return analysisId;
  }

  /** Uploads and starts the analysis, or picks up where a previous attempt of this check stopped. */
  async function ensureAnalysis(
    media: CheckMedia,
    saved: ProviderCheckpoint,
    ctx: ProviderContext,
    call: OzCallContext,
  ): Promise<OzProgress> {
    let { folderId, mediaId } = saved;
    if (!folderId || !mediaId) {
      const upload = await prepareOzUpload(media);
      // A check taken over from a crashed process (or another instance) may have uploaded without checkpointing:
      // its folder is found by transaction_id. That is also why no checkpoint is written between the upload and
      // the analysis start: a crash in between is recovered by the same lookup.
      const earlier = ctx.firstAttempt ? null : await findEarlierFolder(client, ctx, call);
      const created = earlier ?? (await createFolder(upload, ctx, call));
      const folder = await folderWithMedia(client, created.folder, ctx, call);
      folderId = folder.folder_id;
      mediaId = uploadedMediaId(folder, upload);
      logger('oz.media.uploaded', { checkId: ctx.checkId, folderId, mediaId });
      if (created.analysisId) {
        await ctx.saveCheckpoint({ folderId, mediaId, analysisId: created.analysisId });
        logger('oz.check.resumed', { checkId: ctx.checkId, folderId, analysisId: created.analysisId });
        return { folderId, mediaId, analysisId: created.analysisId };
      }
    } else if (saved.analysisId) {
      logger('oz.check.resumed', { checkId: ctx.checkId, folderId, analysisId: saved.analysisId });
      return { folderId, mediaId, analysisId: saved.analysisId };
    }
    const analysisId = await startQuality(folderId, mediaId, ctx, call);
    // Watch before the checkpoint write: a webhook may arrive while it is being saved.
    wakeups.watch(analysisId);
    try {
      await ctx.saveCheckpoint({ folderId, mediaId, analysisId });
    } catch (error) {
      wakeups.unwatch(analysisId);
      throw error;
    }
    logger('oz.analysis.started', { checkId: ctx.checkId, folderId, analysisId });
    return { folderId, mediaId, analysisId };
  }

  async function readAnalysis(analysisId: string, call: OzCallContext): Promise<OzAnalysis> {
    return client.call(
      {
        method: 'GET',
        path: `/api/analyses/${encodeURIComponent(analysisId)}`,
        schema: ozAnalysisSchema,
        operation: 'read analysis',
      },
      call,
    );
  }

  async function runCheck(
    media: CheckMedia,
    saved: ProviderCheckpoint,
    ctx: ProviderContext,
    run: CheckRun,
  ): Promise<{ progress: OzProgress; analysis: OzAnalysis }> {
    const progress = await ensureAnalysis(media, saved, ctx, run.call);
    run.progress = progress;
    const { analysisId } = progress;
    wakeups.watch(analysisId);
    try {
      const analysis = await pollUntilFinal(() => readAnalysis(analysisId, run.call), {
        analysisId,
        firstDelayMs: config.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
        maxDelayMs: config.maxPollIntervalMs ?? DEFAULTS.maxPollIntervalMs,
        deadlineAt: run.startedAt + (config.deadlineMs ?? DEFAULTS.deadlineMs),
        now,
        signal: ctx.signal,
        wakeups,
        onRead: (status, read) => logger('oz.analysis.polled', { checkId: ctx.checkId, analysisId, status, read }),
        onUnknownStatus: (status) => logger('oz.analysis.unknown_status', { checkId: ctx.checkId, analysisId, status }),
      });
      return { progress, analysis };
    } finally {
      wakeups.unwatch(analysisId);
    }
  }

  async function verify(media: CheckMedia, ctx: ProviderContext): Promise<ProviderOutcome> {
    ctx.signal.throwIfAborted();
    let attempts = 0;
    const run: CheckRun = { startedAt: now(), call: { signal: ctx.signal, onAttempt: () => void attempts++ } };
    try {
      const { progress, analysis } = await runResumable(media, ctx, run);
      const verdict = decideQuality(analysis, progress.mediaId);
      const finishedAt = now();
      const durationMs = finishedAt - run.startedAt;
      logger('oz.check.finished', { checkId: ctx.checkId, ...progress, decision: verdict.decision, durationMs });
      return {
        provider: 'oz',
        ...verdict,
        ids: { ...progress },
        timings: {
          startedAt: new Date(run.startedAt).toISOString(),
          finishedAt: new Date(finishedAt).toISOString(),
          durationMs,
          // HTTP requests sent for this check, retries included (logins are shared, so not counted).
          attempts,
        },
      };
    } catch (error) {
      if (error instanceof ProviderError) {
        const durationMs = now() - run.startedAt;
        logger('oz.check.failed', { checkId: ctx.checkId, code: error.code, ...run.progress, durationMs });
      }
      throw error;
    }
  }

  async function runResumable(media: CheckMedia, ctx: ProviderContext, run: CheckRun) {
    const saved = ctx.checkpoint ?? {};
    try {
      return await runCheck(media, saved, ctx, run);
    } catch (error) {
      // A checkpointed analysis Oz no longer knows (e.g. a sandbox emulator that restarted with the backend) can
      // never finish: start the check over once rather than fail it.
      if (!(saved.analysisId && isNotExist(error))) throw error;
      logger('oz.check.restarted', { checkId: ctx.checkId, lostAnalysisId: saved.analysisId });
      return runCheck(media, {}, ctx, run);
    }
  }

  return {
    name: 'oz',
    sandbox: config.sandbox,
    verify,
    receiveWebhook: (body) => {
      for (const analysisId of analysisIdsIn(body)) wakeups.notify(analysisId);
    },
  };
}

function isNotExist(error: unknown): boolean {
  return error instanceof ProviderError && error.details.providerCode === OzErrorCode.notExist;
}

function validateConfig(config: OzConfig): void {
  if (!URL.canParse(config.apiUrl)) throw new Error(`Oz apiUrl is not a URL: "${config.apiUrl}"`);
  if (!config.login || !config.password) throw new Error('Oz login and password are required');
  parseApiVersion(config.apiVersion);
  if (config.webhookUrl !== undefined && !URL.canParse(config.webhookUrl)) {
    throw new Error(`Oz webhookUrl is not a URL: "${config.webhookUrl}"`);
  }
}
