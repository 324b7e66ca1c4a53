/**
 * The emulated Oz API routes (§1.2–§1.5). Every handler either answers with the documented shape or throws an
 * OzApiError, which the app turns into `{error_code, error_message, details}`.
 */
import { randomUUID, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { atLeast } from './version.js';
import type { AnalysisEngine } from './engine.js';
import { OzApiError, invalidStructure, invalidValue, requireUuid } from './errors.js';
import type { Scenario } from './scenarios.js';
import type { SessionStore } from './sessions.js';
import { sniffMediaKind } from './sniff.js';
import type { AnalysisRecord, AnalysisType, FolderRecord, MediaRecord, OzStore } from './store.js';
import { readUpload } from './uploads.js';
import { analysisState, analysisView, folderView, mediaView } from './views.js';

export interface EmulatorVariables {
  /** The scenario this request plays: its header, else the emulator default. */
  scenario: Scenario;
  /** True when the request carried its own `x-sandbox-scenario` header. */
  scenarioFromHeader: boolean;
}

export type EmulatorEnv = { Variables: EmulatorVariables };

export interface RouteContext {
  apiVersion: string;
  credentials: { login: string; password: string };
  /** How long an analysis runs, and how long one with a resolution_endpoint runs. */
  analysisMs: number;
  webhookAnalysisMs: number;
  now: () => number;
  store: OzStore;
  sessions: SessionStore;
  engine: AnalysisEngine;
  onLogin: () => void;
  onRefresh: () => void;
}

const loginSchema = z.object({ credentials: z.object({ email: z.string(), password: z.string() }) });
const refreshSchema = z.object({ expire_token: z.string().min(1) });
const retagSchema = z.object({ tags: z.array(z.string()) });
const startAnalysesSchema = z.looseObject({
  analyses: z
    .array(
      z.looseObject({
        type: z.string(),
        source_media: z.array(z.string()).optional(),
        params: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .min(1),
  resolution_endpoint: z.string().optional(),
});

export const TOKEN_HEADER = 'x-forensic-access-token';

/** Paths the app knows; any other method on them is a 405 with error_code 1. */
export const KNOWN_PATHS = [
  '/api/authorize/auth',
  '/api/authorize/refresh',
  '/api/authorize/session_token',
  '/api/folders',
  '/api/folders/:folderId',
  '/api/folders/:folderId/media',
  '/api/folders/:folderId/analyses',
  '/api/analyses/:analysisId',
  '/api/media/:mediaId',
] as const;

async function readJson<T>(c: Context<EmulatorEnv>, schema: z.ZodType<T>): Promise<T> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw invalidStructure('Body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw invalidStructure('Body does not match the expected structure', z.treeifyError(parsed.error));
  }
  return parsed.data;
}

export function registerRoutes(app: Hono<EmulatorEnv>, ctx: RouteContext): void {
  const { store, sessions, engine } = ctx;
  /** Transactions whose create-folder answer the lost-answer-once scenario already dropped. */
  const lostAnswers = new Set<unknown>();
  const viewContext = { store, engine, apiVersion: ctx.apiVersion };

  app.post('/api/authorize/auth', async (c) => {
    const { credentials } = await readJson(c, loginSchema);
    if (credentials.email !== ctx.credentials.login || credentials.password !== ctx.credentials.password) {
      throw new OzApiError(7, 'Invalid credentials');
    }
    ctx.onLogin();
    const pair = sessions.issue();
    // Undocumented type (open question 6): under variant-shapes a date string instead of Unix seconds.
    return c.json(
      c.get('scenario').variantShapes
        ? { ...pair, expire_date: new Date(pair.expire_date * 1000).toISOString() }
        : pair,
    );
  });

  app.post('/api/authorize/refresh', async (c) => {
    const { expire_token } = await readJson(c, refreshSchema);
    const pair = sessions.refresh(c.req.header(TOKEN_HEADER), expire_token);
    ctx.onRefresh();
    return c.json(pair);
  });

  app.get('/api/authorize/session_token', (c) => c.json({ session_token: randomBytes(24).toString('base64url') }));

  app.post('/api/folders', async (c) => {
    const upload = await readUpload(c.req.header('content-type'), () => c.req.arrayBuffer());
    const folder: FolderRecord = {
      id: randomUUID(),
      metaData: upload.folderMetaData,
      mediaIds: [],
      analysisIds: [],
      scenario: c.get('scenario'),
      createdAtMs: ctx.now(),
    };
    const media = createMedia(folder, upload);
    store.folders.set(folder.id, folder);
    storeMedia(folder, media);
    const view = folderView(folder, { ...viewContext, withAnalyses: false });
    if (folder.scenario.lostAnswerOnce && !lostAnswers.has(folder.metaData['transaction_id'] ?? folder.id)) {
      lostAnswers.add(folder.metaData['transaction_id'] ?? folder.id);
      throw new OzApiError(0, 'Gateway timeout (sandbox scenario: the folder was created, its answer lost)', null, 504);
    }
    // "Returns the folder data" (§1.3) does not promise media[]: under variant-shapes it is left out.
    if (folder.scenario.variantShapes) delete view['media'];
    return c.json(view, 201);
  });

  app.get('/api/folders', (c) => {
    const filters = c.req.queries('meta_data') ?? [];
    const { limit, offset } = paging(c.req.query('limit'), c.req.query('offset'));
    const withAnalyses = c.req.query('with_analyses') === 'true';
    const matches = [...store.folders.values()].filter((folder) =>
      filters.every((filter) => metaDataMatches(folder, filter)),
    );
    const items = matches.slice(offset, limit === undefined ? undefined : offset + limit);
    return c.json({ items: items.map((folder) => folderView(folder, { ...viewContext, withAnalyses })) });
  });

  app.get('/api/folders/:folderId', (c) => {
    const folder = store.folder(c.req.param('folderId'));
    const withAnalyses = c.req.query('with_analyses') === 'true';
    return c.json(folderView(folder, { ...viewContext, withAnalyses }));
  });

  app.delete('/api/folders/:folderId', (c) => {
    store.folder(c.req.param('folderId'));
    // The sandbox account is a CLIENT; deleting folders needs ADMIN (§1.2 roles).
    throw new OzApiError(9, 'Deleting folders requires the ADMIN role');
  });

  app.post('/api/folders/:folderId/media', async (c) => {
    const folder = store.folder(c.req.param('folderId'));
    const upload = await readUpload(c.req.header('content-type'), () => c.req.arrayBuffer());
    if (upload.files.length === 0) throw invalidStructure('No file parts in the upload');
    const media = createMedia(folder, upload);
    storeMedia(folder, media);
    return c.json(media.map(mediaView), 201);
  });

  app.post('/api/folders/:folderId/analyses', async (c) => {
    const folder = store.folder(c.req.param('folderId'));
    const body = await readJson(c, startAnalysesSchema);
    const endpoint = body.resolution_endpoint;
    // The analyses request's own scenario wins; without one the folder's scenario applies.
    const scenario = c.get('scenarioFromHeader') ? c.get('scenario') : folder.scenario;
    if (endpoint !== undefined && scenario.refuseResolutionEndpoint) {
      // The field's name is unconfirmed (the webhook page is not public): a server may not know it.
      throw invalidStructure('Unknown field resolution_endpoint', { field: 'resolution_endpoint' });
    }
    if (endpoint !== undefined && !isHttpUrl(endpoint)) throw invalidValue('resolution_endpoint is not an http(s) URL');
    const analyses = body.analyses.map((request): AnalysisRecord => {
      const type = analysisType(request.type);
      const sourceMediaIds = request.source_media
        ? request.source_media.map((id) => folderMediaId(folder, id))
        : [...folder.mediaIds];
      return {
        id: randomUUID(),
        folderId: folder.id,
        type,
        sourceMediaIds,
        params: defaultParams(type, request.params ?? {}),
        scenario,
        runMs: scenario.analysisMs ?? (endpoint ? ctx.webhookAnalysisMs : ctx.analysisMs),
        reads: 0,
        createdAtMs: ctx.now(),
        updatedAtMs: ctx.now(),
        outcome: null,
        ...(endpoint ? { resolutionEndpoint: endpoint } : {}),
      };
    });
    for (const analysis of analyses) {
      engine.add(analysis);
      folder.analysisIds.push(analysis.id);
    }
    const views = analyses.map((analysis) => analysisView(analysis, viewContext));
    // Public client code reads an array; Oz's own iOS SDK accepts an object as well.
    return c.json(scenario.variantShapes && views.length === 1 ? views[0] : views, 201);
  });

  app.get('/api/folders/:folderId/analyses', (c) => {
    const folder = store.folder(c.req.param('folderId'));
    const analyses = store.analysesOf(folder).filter((analysis) => analysisMatches(analysis, c, engine));
    for (const analysis of analyses) engine.observe(analysis);
    return c.json(analyses.map((analysis) => analysisView(analysis, viewContext)));
  });

  app.get('/api/analyses/:analysisId', (c) => {
    const analysis = store.analysis(c.req.param('analysisId'));
    engine.observe(analysis);
    return c.json(analysisView(analysis, viewContext));
  });

  app.patch('/api/media/:mediaId', async (c) => {
    const media = store.mediaItem(c.req.param('mediaId'));
    media.tags = (await readJson(c, retagSchema)).tags;
    return c.json(mediaView(media));
  });

  function createMedia(folder: FolderRecord, upload: Awaited<ReturnType<typeof readUpload>>): MediaRecord[] {
    // Sniff every file before storing any, so a bad file leaves no half-created folder behind.
    return upload.files.map((file) => ({
      id: randomUUID(),
      folderId: folder.id,
      kind: sniffMediaKind(file.bytes, file.declaredType),
      originalName: file.fileName,
      contentType: file.declaredType,
      bytes: file.bytes,
      tags: upload.tagsByField[file.fieldName] ?? [],
      createdAtMs: ctx.now(),
    }));
  }

  function storeMedia(folder: FolderRecord, media: MediaRecord[]): void {
    for (const item of media) {
      store.media.set(item.id, item);
      folder.mediaIds.push(item.id);
    }
  }

  function defaultParams(type: AnalysisType, params: Record<string, unknown>): Record<string, unknown> {
    if (type !== 'QUALITY' || 'extract_best_shot' in params) return params;
    // extract_best_shot defaults to true since 5.0.0 (§1.4).
    return { ...params, extract_best_shot: atLeast(ctx.apiVersion, '5.0.0') };
  }
}

/** Request types are lowercase (§1.4); the emulator rejects other spellings to catch client bugs. */
function analysisType(requested: string): AnalysisType {
  switch (requested) {
    case 'quality':
      return 'QUALITY';
    case 'biometry':
      return 'BIOMETRY';
    case 'documents':
    case 'collection':
      throw new OzApiError(2, `Analysis type "${requested}" is not emulated by the sandbox`);
    default:
      throw invalidValue(`Unknown analysis type "${requested}" (request types are lowercase)`);
  }
}

function folderMediaId(folder: FolderRecord, id: string): string {
  const mediaId = requireUuid(id, 'source_media');
  if (!folder.mediaIds.includes(mediaId)) {
    throw invalidValue('source_media is not a media of this folder', { media_id: id });
  }
  return mediaId;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

function paging(limit: string | undefined, offset: string | undefined): { limit?: number; offset: number } {
  const parse = (value: string | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw invalidValue(`${name} must be a non-negative integer`);
    return number;
  };
  const parsedLimit = parse(limit, 'limit');
  return { ...(parsedLimit === undefined ? {} : { limit: parsedLimit }), offset: parse(offset, 'offset') ?? 0 };
}

/** `meta_data=transaction_id==abc` (§1.3 "Find a folder by your own id"). */
function metaDataMatches(folder: FolderRecord, filter: string): boolean {
  const separator = filter.indexOf('==');
  if (separator <= 0) throw invalidValue('meta_data filter must look like key==value', { meta_data: filter });
  const key = filter.slice(0, separator);
  const value = folder.metaData[key];
  return (
    value !== undefined &&
    value !== null &&
    (typeof value === 'string' ? value : JSON.stringify(value)) === filter.slice(separator + 2)
  );
}

/** Folder analyses filters (§1.5): analyse_id, type and state, each with an `.exclude` twin, comma lists. */
function analysisMatches(analysis: AnalysisRecord, c: Context<EmulatorEnv>, engine: AnalysisEngine): boolean {
  const list = (name: string): string[] | undefined =>
    c.req
      .query(name)
      ?.split(',')
      .map((item) => item.trim().toUpperCase())
      .filter(Boolean);
  const values: Record<string, string> = {
    analyse_id: analysis.id.toUpperCase(),
    type: analysis.type,
    state: analysisState(analysis, engine),
  };
  return Object.entries(values).every(([name, value]) => {
    const include = list(name);
    const exclude = list(`${name}.exclude`);
    return (!include || include.includes(value)) && (!exclude || !exclude.includes(value));
  });
}
