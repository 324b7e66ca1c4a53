/**
 * The backend's HTTP API as an OpenAPI 3.1 document, served at `GET /openapi.json`. Enumerations come from the
 * implementation (error codes, policies, media tags) so they cannot drift; test/server/openapi.test.ts checks the
 * rest against the running app: every route is described and every description is a route, the examples are
 * accepted, and real answers match the documented schemas.
 */
import { CAPTURE_MODES, CAPTURE_REPORT_VERSION, MANUAL_REASONS, MEDIA_KINDS, MEDIA_TAGS } from '../shared/media.js';
import {
  CHECK_STATUSES,
  DECISIONS,
  PROVIDER_DECISIONS,
  PROVIDER_ERROR_CODES,
  PROVIDER_NAMES,
  PROVIDER_RESULT_STATUSES,
  RAW_SCORE_NAMES,
  SESSION_STATUSES,
} from '../shared/providers.js';
import { KAIROS_SANDBOX_SCENARIOS, OZ_SANDBOX_SCENARIOS, SANDBOX_SCENARIO_PATTERN } from '../shared/sandbox.js';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from './errors.js';
import { POLICY_NAMES } from './policy.js';
import { CAMERA_CONTROLS, SIGNAL_REASONS } from '../shared/signals.js';
import type { BackendApp } from './routes/deps.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra });
const closedObject = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** The same closed object with some properties optional. */
const withOptional = (schema: Schema, ...optional: string[]): Schema => ({
  ...schema,
  required: (schema['required'] as string[]).filter((name) => !optional.includes(name)),
});

const enumOf = (values: readonly string[], extra: Schema = {}): Schema => ({
  type: 'string',
  enum: [...values],
  ...extra,
});
/** A nullable enumeration: JSON Schema wants `null` among the enum values as well as in the type. */
const nullableEnumOf = (values: readonly string[], extra: Schema = {}): Schema =>
  nullable('string', { enum: [...values, null], ...extra });
const scenarioName = (provider: string, names: readonly string[]): Schema => ({
  type: 'string',
  pattern: SANDBOX_SCENARIO_PATTERN,
  description: `Sandbox only. ${provider}: ${names.join(', ')}.`,
});
const dateTime: Schema = { type: 'string', format: 'date-time' };
const id: Schema = { type: 'string', minLength: 1 };

const schemas: Record<string, Schema> = {
  ErrorBody: closedObject({
    error: closedObject({
      code: enumOf(ERROR_CODES, { description: 'Stable; branch on it. See docs/backend.md ("Errors").' }),
      message: { type: 'string', description: 'For people; may change.' },
    }),
  }),
  CreateSessionRequest: {
    ...closedObject(
      {
        reference: {
          type: 'string',
          minLength: 1,
          maxLength: 256,
          description: 'Your own id, returned in the result.',
        },
        allowedOrigins: {
          type: 'array',
          items: { type: 'string', pattern: '^[a-z][a-z0-9+.-]*://[^/?#\\s]+$' },
          minItems: 1,
          maxItems: 20,
          description: 'Origins that may use the token. Default and upper bound: LIVENESS_ALLOWED_ORIGINS.',
        },
        ttlSeconds: { type: 'integer', exclusiveMinimum: 0, description: 'Capped at LIVENESS_TOKEN_MAX_TTL_SECONDS.' },
        sandboxScenario: closedObject(
          {
            oz: scenarioName('Oz (combinable with commas)', OZ_SANDBOX_SCENARIOS),
            kairos: scenarioName('Kairos', KAIROS_SANDBOX_SCENARIOS),
          },
          [],
        ),
      },
      [],
    ),
    description: 'Every field is optional; an empty body is `{}`.',
  },
  SessionCreated: closedObject({
    sessionId: id,
    captureToken: { type: 'string', description: 'Short-lived, single-use JWT for the widget (`token` property).' },
    expiresAt: dateTime,
  }),
  CaptureReport: {
    type: 'object',
    description: 'What the widget measured; unknown properties are ignored.',
    properties: {
      version: { const: CAPTURE_REPORT_VERSION },
      mode: enumOf(CAPTURE_MODES),
      tags: { type: 'array', items: enumOf(MEDIA_TAGS), maxItems: 8 },
      automatic: { type: 'boolean' },
      manualReason: enumOf(MANUAL_REASONS),
      frame: closedObject({ width: { type: 'integer', minimum: 1 }, height: { type: 'integer', minimum: 1 } }),
      face: {
        oneOf: [
          closedObject({
            x: { type: 'number' },
            y: { type: 'number' },
            width: { type: 'number', minimum: 0 },
            height: { type: 'number', minimum: 0 },
          }),
          { type: 'null' },
        ],
      },
      metrics: { type: 'object', additionalProperties: { type: 'number' }, maxProperties: 64 },
      elapsedMs: { type: 'number', minimum: 0 },
      frameCount: { type: 'integer', minimum: 1 },
      capturedAt: dateTime,
      userAgent: { type: 'string', maxLength: 512 },
      signals: ref('CaptureSignals'),
    },
    required: [
      'version',
      'mode',
      'tags',
      'automatic',
      'frame',
      'face',
      'metrics',
      'elapsedMs',
      'frameCount',
      'capturedAt',
    ],
  },
  CaptureSignals: closedObject({
    camera: {
      oneOf: [
        closedObject({
          label: { type: 'string', maxLength: 256 },
          hasDeviceId: { type: 'boolean' },
          width: { type: 'number', minimum: 0 },
          height: { type: 'number', minimum: 0 },
          frameRate: { type: 'number', minimum: 0 },
          maxFrameRate: { type: 'number', minimum: 0 },
          maxWidth: { type: 'number', minimum: 0 },
          maxHeight: { type: 'number', minimum: 0 },
          controls: { type: 'array', items: { type: 'string', enum: [...CAMERA_CONTROLS] } },
        }),
        { type: 'null' },
      ],
    },
    frameTiming: {
      oneOf: [
        closedObject({
          samples: { type: 'integer', minimum: 0 },
          meanIntervalMs: { type: 'number', minimum: 0 },
          jitterMs: { type: 'number', minimum: 0 },
        }),
        { type: 'null' },
      ],
    },
    deviceChanges: { type: 'integer', minimum: 0 },
    hiddenCount: { type: 'integer', minimum: 0 },
  }),
  SessionSignals: closedObject({
    virtualCamera: {
      type: 'boolean',
      description: 'The camera label matches a known virtual camera. A hint, not proof.',
    },
    cameraLabel: nullable('string'),
    frameTimingJitterMs: nullable('number'),
    reasons: { type: 'array', items: { type: 'string', enum: [...SIGNAL_REASONS] } },
  }),
  CheckUpload: {
    type: 'object',
    properties: {
      media: {
        type: 'string',
        contentMediaType: 'application/octet-stream',
        description:
          'JPEG, PNG or WebP image; ZIP shotset of JPEG/PNG frames; MP4 or WebM video (judged by magic bytes).',
      },
      report: { ...ref('CaptureReport'), description: 'JSON text (a field or a file part).' },
      selfie: {
        type: 'string',
        contentMediaType: 'image/jpeg',
        description: 'JPEG or PNG still: required with a video or a WebP image, optional otherwise.',
      },
    },
    required: ['media', 'report'],
  },
  CheckAccepted: closedObject({
    checkId: id,
    sessionId: id,
    status: enumOf(CHECK_STATUSES, { description: "'processing' when new; a replay reports the check's status." }),
  }),
  CheckStatus: closedObject(
    {
      checkId: id,
      sessionId: id,
      status: enumOf(CHECK_STATUSES),
      result: {
        ...withOptional(
          closedObject({
            decision: nullableEnumOf(DECISIONS),
            sandbox: { const: true, description: 'Present when a sandbox emulator gave this result.' },
            reason: nullable('string'),
            providers: {
              type: 'array',
              items: closedObject({
                provider: enumOf(PROVIDER_NAMES),
                status: enumOf(PROVIDER_RESULT_STATUSES),
                decision: nullableEnumOf(PROVIDER_DECISIONS),
                score: nullable('number', { minimum: 0, maximum: 1 }),
              }),
            },
          }),
          'sandbox',
        ),
        description: 'Only when LIVENESS_EXPOSE_RESULT=true.',
      },
    },
    ['checkId', 'sessionId', 'status'],
  ),
  ProviderResult: closedObject(
    {
      provider: enumOf(PROVIDER_NAMES),
      sandbox: { type: 'boolean' },
      status: enumOf(PROVIDER_RESULT_STATUSES),
      decision: nullableEnumOf(PROVIDER_DECISIONS),
      score: nullable('number', { minimum: 0, maximum: 1, description: 'Higher is more likely live.' }),
      raw: {
        oneOf: [closedObject({ name: enumOf(RAW_SCORE_NAMES), value: nullable('number') }), { type: 'null' }],
      },
      threshold: nullable('number'),
      ids: { type: 'object', additionalProperties: { type: 'string' } },
      timings: closedObject({
        startedAt: dateTime,
        finishedAt: dateTime,
        durationMs: { type: 'number', minimum: 0 },
        attempts: nullable('integer', { minimum: 0 }),
      }),
      reason: nullable('string'),
      error: closedObject({ code: enumOf(PROVIDER_ERROR_CODES), message: { type: 'string' } }),
    },
    ['provider', 'sandbox', 'status', 'decision', 'score', 'raw', 'threshold', 'ids', 'timings', 'reason'],
  ),
  SessionResult: withOptional(
    closedObject({
      sessionId: id,
      reference: nullable('string'),
      status: enumOf(SESSION_STATUSES, {
        description: 'pending: no upload yet; expired: the capture token expired unused.',
      }),
      decision: nullableEnumOf(DECISIONS, { description: 'null until the check is final.' }),
      sandbox: {
        const: true,
        description:
          'Present when a sandbox emulator, not the real provider, gave (or will give) this result. It says nothing about the person.',
      },
      reason: nullable('string'),
      policy: enumOf(POLICY_NAMES),
      providers: { type: 'array', items: ref('ProviderResult') },
      check: {
        oneOf: [
          closedObject({
            checkId: id,
            mediaKind: enumOf(MEDIA_KINDS),
            contentType: { type: 'string' },
            bytes: { type: 'integer', minimum: 0 },
            selfieSource: { type: 'string' },
            mediaRetained: { type: 'boolean' },
            report: ref('CaptureReport'),
          }),
          { type: 'null' },
        ],
      },
      signals: {
        oneOf: [ref('SessionSignals'), { type: 'null' }],
        description: 'Injection hints; null before any upload.',
      },
      createdAt: dateTime,
      completedAt: nullable('string', { format: 'date-time' }),
    }),
    'sandbox',
  ),
  Health: closedObject({
    ok: { type: 'boolean' },
    providers: { type: 'array', items: closedObject({ name: enumOf(PROVIDER_NAMES), sandbox: { type: 'boolean' } }) },
    store: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'ready'],
      properties: {
        kind: enumOf(['memory', 'file', 'postgres']),
        ready: { type: 'boolean' },
        reason: { type: 'string' },
      },
    },
  }),
  WebhookAccepted: closedObject({ accepted: { const: true } }),
};

/** An error answer: the shared body, and (`x-error-codes`) the codes this operation answers with under that status. */
function errorResponse(codes: ErrorCode[]): Schema {
  return {
    description: codes.map((code) => `\`${code}\``).join(', '),
    'x-error-codes': codes,
    content: { 'application/json': { schema: ref('ErrorBody') } },
  };
}

function errors(...codes: ErrorCode[]): Record<string, Schema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries([...byStatus].map(([status, grouped]) => [String(status), errorResponse(grouped)]));
}

const json = (schema: Schema, description: string): Schema => ({
  description,
  content: { 'application/json': { schema } },
});
const idParameter = (description: string): Schema => ({
  name: 'id',
  in: 'path',
  required: true,
  schema: id,
  description,
});
const API_KEY = [{ apiKey: [] }];
const CAPTURE_TOKEN = [{ captureToken: [] }];
const ALWAYS = ['rate-limited', 'internal', 'store-unavailable'] as const;

const paths: Record<string, Record<string, Schema>> = {
  '/sessions': {
    post: {
      operationId: 'createSession',
      summary: 'Create a capture session and its single-use capture token (your server, API key).',
      security: API_KEY,
      requestBody: {
        required: false,
        content: {
          'application/json': {
            schema: ref('CreateSessionRequest'),
            examples: { typical: { value: { reference: 'order-42', ttlSeconds: 300 } }, empty: { value: {} } },
          },
        },
      },
      responses: {
        '201': json(ref('SessionCreated'), 'The session and the token to hand to the widget.'),
        ...errors('invalid-request', 'api-key-missing', 'api-key-invalid', 'payload-too-large', ...ALWAYS),
      },
    },
  },
  '/sessions/{id}/result': {
    get: {
      operationId: 'getSessionResult',
      summary: 'Read the verdict and each provider’s evidence (your server, API key).',
      security: API_KEY,
      parameters: [idParameter('The sessionId from POST /sessions.')],
      responses: {
        '200': json(ref('SessionResult'), 'The session, its check and the result.'),
        ...errors('api-key-missing', 'api-key-invalid', 'not-found', ...ALWAYS),
      },
    },
  },
  '/sessions/{id}': {
    delete: {
      operationId: 'deleteSession',
      summary: 'Delete a session with its check, media, result and token record (your server, API key).',
      security: API_KEY,
      parameters: [idParameter('The sessionId to delete.')],
      responses: {
        '204': { description: 'Deleted.' },
        ...errors('api-key-missing', 'api-key-invalid', 'not-found', 'payload-too-large', ...ALWAYS),
      },
    },
  },
  '/checks': {
    post: {
      operationId: 'uploadCheck',
      summary: 'Upload the capture (the widget, capture token). Providers run in the background.',
      security: CAPTURE_TOKEN,
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
          description: 'A retry with the same key gets the check the token already created.',
        },
      ],
      requestBody: { required: true, content: { 'multipart/form-data': { schema: ref('CheckUpload') } } },
      responses: {
        '202': json(ref('CheckAccepted'), 'Accepted; poll GET /checks/{id}.'),
        ...errors(
          'invalid-request',
          'token-missing',
          'token-invalid',
          'token-expired',
          'token-used',
          'origin-not-allowed',
          'not-found',
          'payload-too-large',
          'unsupported-media-type',
          'invalid-zip',
          'zip-limits',
          'image-undecodable',
          'image-too-small',
          'image-too-large',
          'invalid-report',
          ...ALWAYS,
        ),
      },
    },
  },
  '/checks/{id}': {
    get: {
      operationId: 'getCheckStatus',
      summary: 'Poll a check (the widget, capture token of its session). No scores unless LIVENESS_EXPOSE_RESULT.',
      security: CAPTURE_TOKEN,
      parameters: [idParameter('The checkId from POST /checks.')],
      responses: {
        '200': json(ref('CheckStatus'), 'The check’s status.'),
        ...errors(
          'token-missing',
          'token-invalid',
          'token-expired',
          'token-session-mismatch',
          'origin-not-allowed',
          'not-found',
          ...ALWAYS,
        ),
      },
    },
  },
  '/webhooks/{provider}': {
    post: {
      operationId: 'providerWebhook',
      summary:
        'A provider’s notification (Oz: point OZ_WEBHOOK_URL at /webhooks/oz). It only makes the adapter re-read sooner; the verdict always comes from the provider’s API.',
      security: [],
      parameters: [
        {
          name: 'provider',
          in: 'path',
          required: true,
          schema: enumOf(PROVIDER_NAMES),
          description: 'A configured provider.',
        },
      ],
      requestBody: {
        required: false,
        content: { 'application/json': { schema: {}, examples: { analysis: { value: { analyse_id: 'a1b2c3' } } } } },
      },
      responses: {
        '202': json(ref('WebhookAccepted'), 'Noted.'),
        ...errors('invalid-request', 'payload-too-large', 'not-found', ...ALWAYS),
      },
    },
  },
  '/health': {
    get: {
      operationId: 'health',
      summary: 'Readiness (the store can serve) and the configured providers.',
      security: [],
      responses: {
        '200': json(ref('Health'), 'Ready.'),
        ...errors(...ALWAYS),
        '503': json(
          { oneOf: [ref('Health'), ref('ErrorBody')] },
          'Not ready (`ok: false`, the store says why), or `store-unavailable`.',
        ),
      },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'openapi',
      summary: 'This document.',
      security: [],
      responses: {
        '200': json({ type: 'object', required: ['openapi', 'paths'] }, 'OpenAPI 3.1.'),
        ...errors(...ALWAYS),
      },
    },
  },
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'liveness-check backend',
    version: '1',
    description:
      'Sessions and verdicts for the integrator’s server (API key), uploads and status for the <liveness-check> widget ' +
      '(capture token). Every route is relative to the base path the backend is mounted at.',
  },
  jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
  paths,
  components: {
    schemas,
    securitySchemes: {
      apiKey: { type: 'http', scheme: 'bearer', description: 'LIVENESS_API_KEY. Server to server only.' },
      captureToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The captureToken of POST /sessions.',
      },
    },
  },
} as const;

/** `GET /openapi.json`. */
export function registerOpenApiRoute(app: BackendApp): void {
  app.get('/openapi.json', (c) => c.json(OPENAPI_DOCUMENT));
}
