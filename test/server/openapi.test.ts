/**
 * src/server/openapi.ts against the implementation: the app's routes and the document's operations are the same
 * set; the document's example requests get the documented success status; every answer the app gives along the
 * way (successes and errors) has a documented status, matches the documented schema, and carries an error code
 * the document lists for that status. Schemas are checked by a small JSON Schema checker that refuses any keyword
 * it does not implement, so the document cannot lean on something unchecked.
 */
import { describe, expect, it } from 'vitest';
import { cdnAvailable } from '../../src/server/handoff/page.js';
import { OPENAPI_DOCUMENT } from '../../src/server/openapi.js';
import {
  apiRequest,
  BASE,
  createTestBackend,
  jpeg,
  report,
  uploadRequest,
  zip,
  type TestBackend,
} from './support/backend.js';

type Json = unknown;
type Schema = Record<string, unknown>;

const document = JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

interface Operation {
  operationId: string;
  security: Array<Record<string, unknown>>;
  requestBody?: { content: Record<string, { schema: Schema; examples?: Record<string, { value: Json }> }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }>; 'x-error-codes'?: string[] }>;
}

// ---------------------------------------------------------------------------------------------------------------
// A JSON Schema checker for the keywords the document uses (2020-12 semantics).

const ANNOTATIONS = new Set(['description', 'contentMediaType', 'examples', 'title']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: Json, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function checkSchema(value: Json, schema: Schema, path = '$'): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${path}: ${message}`);
  for (const [keyword, rule] of Object.entries(schema)) {
    switch (keyword) {
      case '$ref': {
        const name = String(rule).replace('#/components/schemas/', '');
        const target = document.components.schemas[name];
        if (!target) fail(`unresolved $ref ${String(rule)}`);
        else problems.push(...checkSchema(value, target, path));
        break;
      }
      case 'type': {
        const types = Array.isArray(rule) ? (rule as string[]) : [rule as string];
        if (!types.some((type) => matchesType(value, type)))
          fail(`expected ${types.join(' | ')}, got ${typeOf(value)}`);
        break;
      }
      case 'enum':
        if (!(rule as Json[]).includes(value)) fail(`${JSON.stringify(value)} not in ${JSON.stringify(rule)}`);
        break;
      case 'const':
        if (value !== rule) fail(`expected ${JSON.stringify(rule)}`);
        break;
      case 'properties':
        if (typeOf(value) === 'object') {
          for (const [name, sub] of Object.entries(rule as Record<string, Schema>)) {
            if (name in (value as object))
              problems.push(...checkSchema((value as Record<string, Json>)[name], sub, `${path}.${name}`));
          }
        }
        break;
      case 'required':
        if (typeOf(value) === 'object')
          for (const name of rule as string[]) if (!(name in (value as object))) fail(`missing ${name}`);
        break;
      case 'additionalProperties':
        if (typeOf(value) === 'object') {
          const declared = new Set(Object.keys((schema['properties'] as Schema | undefined) ?? {}));
          for (const [name, item] of Object.entries(value as Record<string, Json>)) {
            if (declared.has(name)) continue;
            if (rule === false) fail(`unexpected property ${name}`);
            else problems.push(...checkSchema(item, rule as Schema, `${path}.${name}`));
          }
        }
        break;
      case 'items':
        if (Array.isArray(value))
          value.forEach((item, index) => problems.push(...checkSchema(item, rule as Schema, `${path}[${index}]`)));
        break;
      case 'oneOf': {
        const passing = (rule as Schema[]).filter((option) => checkSchema(value, option, path).length === 0).length;
        if (passing !== 1) fail(`matches ${passing} of the oneOf options`);
        break;
      }
      case 'minItems':
        if (Array.isArray(value) && value.length < (rule as number)) fail(`fewer than ${String(rule)} items`);
        break;
      case 'maxItems':
        if (Array.isArray(value) && value.length > (rule as number)) fail(`more than ${String(rule)} items`);
        break;
      case 'maxProperties':
        if (typeOf(value) === 'object' && Object.keys(value as object).length > (rule as number))
          fail('too many properties');
        break;
      case 'minLength':
        if (typeof value === 'string' && value.length < (rule as number)) fail(`shorter than ${String(rule)}`);
        break;
      case 'maxLength':
        if (typeof value === 'string' && value.length > (rule as number)) fail(`longer than ${String(rule)}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(rule as string, 'u').test(value))
          fail(`does not match ${String(rule)}`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (rule as number)) fail(`below ${String(rule)}`);
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (rule as number)) fail(`above ${String(rule)}`);
        break;
      case 'exclusiveMinimum':
        if (typeof value === 'number' && value <= (rule as number)) fail(`not above ${String(rule)}`);
        break;
      case 'format':
        if (rule !== 'date-time') fail(`the checker does not know format ${String(rule)}`);
        else if (typeof value === 'string' && !DATE_TIME.test(value)) fail('not a date-time');
        break;
      default:
        if (!ANNOTATIONS.has(keyword)) fail(`the checker does not implement the keyword "${keyword}"`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests and answers against the document.

const templates = Object.entries(document.paths).flatMap(([template, operations]) =>
  Object.keys(operations).map((method) => ({
    method: method.toUpperCase(),
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  })),
);

function operationFor(method: string, path: string): { template: string; operation: Operation } {
  const match = templates.find((candidate) => candidate.method === method && candidate.pattern.test(path));
  if (!match) throw new Error(`${method} ${path} is not in the document`);
  return { template: match.template, operation: document.paths[match.template]![method.toLowerCase()]! };
}

/** Statuses seen per operation, to prove every success was exercised. */
const seen = new Map<string, Set<string>>();

/** Sends a request to the app and checks its answer against the document; returns the status and parsed body. */
async function call(app: TestBackend, request: Request): Promise<{ status: number; body: Json }> {
  const response = await app.backend.fetch(request);
  const path = new URL(request.url).pathname;
  const { template, operation } = operationFor(request.method, path);
  const status = String(response.status);
  const key = `${request.method} ${template}`;
  seen.set(key, (seen.get(key) ?? new Set()).add(status));
  const documented = operation.responses[status];
  expect(documented, `${key} answered ${status}, which is not documented`).toBeDefined();
  const text = await response.text();
  const schema = documented!.content?.['application/json']?.schema;
  if (!schema) {
    // A page or a file (the handoff capture page): documented by its media type, not a JSON schema.
    if (documented!.content) return { status: response.status, body: text };
    expect(text, `${key} ${status} documents no body`).toBe('');
    return { status: response.status, body: null };
  }
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as Json;
  expect(checkSchema(body, schema), `${key} ${status} body`).toEqual([]);
  const codes = documented!['x-error-codes'];
  if (codes) expect(codes, `${key} ${status}: error code`).toContain((body as { error: { code: string } }).error.code);
  return { status: response.status, body };
}

function examplesOf(method: string, template: string): Json[] {
  const content = document.paths[template]![method]!.requestBody?.content['application/json'];
  return Object.values(content?.examples ?? {}).map((example) => example.value);
}

async function waitForCheck(app: TestBackend, token: string, checkId: string): Promise<Json> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { body } = await call(
      app,
      new Request(`${BASE}/checks/${checkId}`, { headers: { authorization: `Bearer ${token}` } }),
    );
    if ((body as { status: string }).status !== 'processing') return body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the check did not finish');
}

// ---------------------------------------------------------------------------------------------------------------

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and every $ref resolves', () => {
    expect(document.openapi).toBe('3.1.0');
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const entry of refs) {
      const name = entry.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(document.components.schemas, entry).toHaveProperty(name);
    }
  });

  it('describes exactly the routes the app has', async () => {
    const app = await createTestBackend();
    const routes = app.backend.app.routes
      .filter((route) => route.method !== 'ALL')
      // `:file{.+}` (a parameter with its pattern) is `{file}` in the document.
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
    const described = templates.map((entry) => `${entry.method} ${entry.template}`);
    expect([...new Set(routes)].sort()).toEqual(described.sort());
  });

  it('is served at GET /openapi.json', async () => {
    const app = await createTestBackend();
    const { status, body } = await call(app, new Request(`${BASE}/openapi.json`));
    expect(status).toBe(200);
    expect(body).toEqual(document);
  });

  it('matches the app along the whole API: examples succeed, every answer fits its documented schema and status', async () => {
    const app = await createTestBackend({ env: { LIVENESS_EXPOSE_RESULT: 'true' } });
    const sessionsPath = '/sessions';

    // POST /sessions: each example, then the documented refusals.
    const created: Array<{ sessionId: string; captureToken: string }> = [];
    for (const example of examplesOf('post', sessionsPath)) {
      const { status, body } = await call(
        app,
        apiRequest(sessionsPath, { method: 'POST', body: JSON.stringify(example) }),
      );
      expect(status).toBe(201);
      created.push(body as { sessionId: string; captureToken: string });
    }
    expect(created.length).toBeGreaterThan(0);
    expect((await call(app, apiRequest(sessionsPath, { method: 'POST', body: '{}', key: null }))).status).toBe(401);
    expect((await call(app, apiRequest(sessionsPath, { method: 'POST', body: '{}', key: 'wrong' }))).status).toBe(401);
    expect(
      (await call(app, apiRequest(sessionsPath, { method: 'POST', body: JSON.stringify({ color: 'red' }) }))).status,
    ).toBe(400);

    const [session] = created;
    const pending = await call(app, apiRequest(`/sessions/${session!.sessionId}/result`));
    expect(pending.status).toBe(200);
    expect((pending.body as { status: string }).status).toBe('pending');
    expect((await call(app, apiRequest('/sessions/no-such-session/result'))).status).toBe(404);

    // GET /capture-options before the upload, as the widget reads it; it does not use up the token.
    const options = await call(
      app,
      new Request(`${BASE}/capture-options`, { headers: { authorization: `Bearer ${session!.captureToken}` } }),
    );
    expect(options).toMatchObject({ status: 200, body: { clipTypes: ['video/mp4'], shotset: true } });
    expect((await call(app, new Request(`${BASE}/capture-options`))).status).toBe(401);

    // POST /checks with the documented multipart fields: a shotset of one JPEG and its report.
    const upload = uploadRequest(session!.captureToken, {
      media: zip({ 'frame_000.jpg': jpeg() }),
      mediaType: 'application/zip',
      report: report('shotset', { tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'] }),
    });
    const accepted = await call(app, upload);
    expect(accepted.status).toBe(202);
    const { checkId } = accepted.body as { checkId: string };
    expect((await call(app, uploadRequest(null))).status).toBe(401);
    expect((await call(app, uploadRequest(session!.captureToken))).status).toBe(403);

    const finished = (await waitForCheck(app, session!.captureToken, checkId)) as { status: string; result?: unknown };
    expect(finished.status).toBe('done');
    expect(finished.result, 'LIVENESS_EXPOSE_RESULT shows the documented result').toBeDefined();
    const other = created[1] ?? (await call(app, apiRequest(sessionsPath, { method: 'POST', body: '{}' }))).body;
    const mismatch = await call(
      app,
      new Request(`${BASE}/checks/${checkId}`, {
        headers: { authorization: `Bearer ${(other as { captureToken: string }).captureToken}` },
      }),
    );
    expect(mismatch.status).toBe(403);

    const done = await call(app, apiRequest(`/sessions/${session!.sessionId}/result`));
    expect(done.status).toBe(200);
    expect((done.body as { providers: unknown[] }).providers.length).toBeGreaterThan(0);

    for (const example of examplesOf('post', '/webhooks/{provider}')) {
      expect(
        (await call(app, new Request(`${BASE}/webhooks/oz`, { method: 'POST', body: JSON.stringify(example) }))).status,
      ).toBe(202);
    }
    expect((await call(app, new Request(`${BASE}/webhooks/oz`, { method: 'POST', body: '{not json' }))).status).toBe(
      400,
    );
    expect((await call(app, new Request(`${BASE}/health`))).status).toBe(200);

    // The handoff: a link from the desktop's token, redeemed once by the phone, and the desktop following the session.
    const desktop = (await call(app, apiRequest(sessionsPath, { method: 'POST', body: '{}' }))).body as {
      captureToken: string;
    };
    const bearer = { authorization: `Bearer ${desktop.captureToken}` };
    const minted = await call(app, new Request(`${BASE}/handoffs`, { method: 'POST', headers: bearer }));
    expect(minted.status).toBe(201);
    const { code } = minted.body as { code: string };
    const redeem = () =>
      call(
        app,
        new Request(`${BASE}/handoffs/exchange`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        }),
      );
    expect((await redeem()).status).toBe(200);
    expect((await redeem()).status).toBe(410);
    expect((await call(app, new Request(`${BASE}/handoffs/status`, { headers: bearer }))).status).toBe(200);
    expect((await call(app, new Request(`${BASE}/handoffs`, { method: 'POST' }))).status).toBe(401);
    expect((await call(app, new Request(`${BASE}/handoff/not-a-code`))).status).toBe(404);
    const built = await cdnAvailable();
    // The capture page serves the built package; without `npm run build` it answers 404 and is not counted.
    expect((await call(app, new Request(`${BASE}/handoff/${code}`))).status).toBe(built ? 200 : 404);
    expect((await call(app, new Request(`${BASE}/handoff/assets/page.css`))).status).toBe(200);
    expect((await call(app, new Request(`${BASE}/handoff/assets/..%2F..%2F..%2Fpackage.json`))).status).toBe(404);

    expect((await call(app, apiRequest(`/sessions/${session!.sessionId}`, { method: 'DELETE' }))).status).toBe(204);
    expect((await call(app, apiRequest(`/sessions/${session!.sessionId}`, { method: 'DELETE' }))).status).toBe(404);
    expect((await call(app, new Request(`${BASE}/openapi.json`))).status).toBe(200);

    // Every operation's success status was produced by the app.
    for (const { method, template } of templates) {
      if (!built && template === '/handoff/{code}') continue;
      const operation = document.paths[template]![method.toLowerCase()]!;
      const successes = Object.keys(operation.responses).filter((status) => status.startsWith('2'));
      expect([...(seen.get(`${method} ${template}`) ?? [])], `${method} ${template}`).toEqual(
        expect.arrayContaining(successes),
      );
    }
  });
});

describe('the schema checker', () => {
  it('catches what the document promises to rule out', () => {
    const schema = document.components.schemas['SessionCreated']!;
    expect(checkSchema({ sessionId: 's', captureToken: 't', expiresAt: '2030-01-01T00:00:00.000Z' }, schema)).toEqual(
      [],
    );
    expect(checkSchema({ sessionId: 's', captureToken: 't', expiresAt: 'tomorrow', extra: 1 }, schema)).toEqual([
      '$.expiresAt: not a date-time',
      '$: unexpected property extra',
    ]);
    expect(checkSchema({}, { uniqueItems: true })).toEqual([
      '$: the checker does not implement the keyword "uniqueItems"',
    ]);
  });
});
