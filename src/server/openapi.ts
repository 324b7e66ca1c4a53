/**
 * The backend's HTTP API as an OpenAPI 3.1 document, served at `GET /openapi.json`. Enumerations come from the
 * implementation (error codes, policies, media tags) so they cannot drift; test/server/openapi.test.ts checks the
 * rest against the running app: every route is described and every description is a route, the examples are
 * accepted, and real answers match the documented schemas.
 */
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

const MEDIA_TAGS = ['video_selfie', 'video_selfie_blank', 'photo_selfie', 'orientation_portrait', 'orientation_landscape'];
const CHECK_STATUSES = ['processing', 'done', 'failed'];
const PROVIDERS = ['oz', 'kairos'];
const PROVIDER_ERROR_CODES = [
  'provider-auth',
  'provider-quota',
  'provider-rejected',
  'provider-unavailable',
  'provider-failed',
  'provider-timeout',
  'provider-protocol',
];
const dateTime: Schema = { type: 'string', format: 'date-time' };
const id: Schema = { type: 'string', minLength: 1 };

const schemas: Record<string, Schema> = {
  ErrorBody: closedObject({
    error: closedObject({
      code: { type: 'string', enum: [...ERROR_CODES], description: 'Stable; branch on it. See docs/backend.md ("Errors").' },
      message: { type: 'string', description: 'For people; may change.' },
    }),
  }),
  CreateSessionRequest: {
    ...closedObject(
      {
        reference: { type: 'string', minLength: 1, maxLength: 256, description: 'Your own id, returned in the result.' },
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
            oz: { type: 'string', pattern: '^[a-z0-9][a-z0-9:,-]{0,63}$' },
            kairos: { type: 'string', pattern: '^[a-z0-9][a-z0-9:,-]{0,63}$' },
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
      version: { const: 1 },
      mode: { type: 'string', enum: ['image', 'shotset', 'video'] },
      tags: { type: 'array', items: { type: 'string', enum: MEDIA_TAGS }, maxItems: 8 },
      automatic: { type: 'boolean' },
      manualReason: { type: 'string', enum: ['timeout', 'detector-unavailable'] },
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
    required: ['version', 'mode', 'tags', 'automatic', 'frame', 'face', 'metrics', 'elapsedMs', 'frameCount', 'capturedAt'],
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
    virtualCamera: { type: 'boolean', description: 'The camera label matches a known virtual camera. A hint, not proof.' },
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
        description: 'JPEG, PNG or WebP image; ZIP shotset of JPEG/PNG frames; MP4 or WebM video (judged by magic bytes).',
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
    status: { type: 'string', enum: CHECK_STATUSES, description: "'processing' when new; a replay reports the check's status." },
  }),
  CheckStatus: closedObject(
    {
      checkId: id,
      sessionId: id,
      status: { type: 'string', enum: CHECK_STATUSES },
      result: {
        ...closedObject({
          decision: nullable('string', { enum: ['live', 'spoof', 'inconclusive', null] }),
          reason: nullable('string'),
          providers: {
            type: 'array',
            items: closedObject({
              provider: { type: 'string', enum: PROVIDERS },
              status: { type: 'string', enum: ['done', 'error'] },
              decision: nullable('string', { enum: ['live', 'spoof', null] }),
              score: nullable('number', { minimum: 0, maximum: 1 }),
            }),
          },
        }),
        description: 'Only when LIVENESS_EXPOSE_RESULT=true.',
      },
    },
    ['checkId', 'sessionId', 'status'],
  ),
  ProviderResult: closedObject(
    {
      provider: { type: 'string', enum: PROVIDERS },
      sandbox: { type: 'boolean' },
      status: { type: 'string', enum: ['done', 'error'] },
      decision: nullable('string', { enum: ['live', 'spoof', null] }),
      score: nullable('number', { minimum: 0, maximum: 1, description: 'Higher is more likely live.' }),
      raw: {
        oneOf: [
          closedObject({ name: { type: 'string', enum: ['confidence_spoofing', 'faces_liveness'] }, value: nullable('number') }),
          { type: 'null' },
        ],
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
      error: closedObject({ code: { type: 'string', enum: PROVIDER_ERROR_CODES }, message: { type: 'string' } }),
    },
    ['provider', 'sandbox', 'status', 'decision', 'score', 'raw', 'threshold', 'ids', 'timings', 'reason'],
  ),
  SessionResult: closedObject({
    sessionId: id,
    reference: nullable('string'),
    status: {
      type: 'string',
      enum: ['pending', 'expired', ...CHECK_STATUSES],
      description: 'pending: no upload yet; expired: the capture token expired unused.',
    },
    decision: nullable('string', { enum: ['live', 'spoof', 'inconclusive', null], description: 'null until the check is final.' }),
    reason: nullable('string'),
    policy: { type: 'string', enum: [...POLICY_NAMES] },
    providers: { type: 'array', items: ref('ProviderResult') },
    check: {
      oneOf: [
        closedObject({
          checkId: id,
          mediaKind: { type: 'string', enum: ['image', 'shotset', 'video'] },
          contentType: { type: 'string' },
          bytes: { type: 'integer', minimum: 0 },
          selfieSource: { type: 'string' },
          mediaRetained: { type: 'boolean' },
          report: ref('CaptureReport'),
        }),
        { type: 'null' },
      ],
    },
    signals: { oneOf: [ref('SessionSignals'), { type: 'null' }], description: 'Injection hints; null before any upload.' },
    createdAt: dateTime,
    completedAt: nullable('string', { format: 'date-time' }),
  }),
  Health: closedObject({
    ok: { const: true },
    providers: { type: 'array', items: closedObject({ name: { type: 'string', enum: PROVIDERS }, sandbox: { type: 'boolean' } }) },
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

const json = (schema: Schema, description: string): Schema => ({ description, content: { 'application/json': { schema } } });
const idParameter = (description: string): Schema => ({ name: 'id', in: 'path', required: true, schema: id, description });
const API_KEY = [{ apiKey: [] }];
const CAPTURE_TOKEN = [{ captureToken: [] }];
const ALWAYS = ['rate-limited', 'internal'] as const;

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
        ...errors('token-missing', 'token-invalid', 'token-expired', 'token-session-mismatch', 'origin-not-allowed', 'not-found', ...ALWAYS),
      },
    },
  },
  '/webhooks/oz': {
    post: {
      operationId: 'ozWebhook',
      summary: 'Oz analysis notification: only makes the adapter poll sooner; the verdict always comes from Oz’s API.',
      security: [],
      requestBody: {
        required: false,
        content: { 'application/json': { schema: {}, examples: { analysis: { value: { analyse_id: 'a1b2c3' } } } } },
      },
      responses: {
        '202': json(ref('WebhookAccepted'), 'Noted.'),
        ...errors('invalid-request', 'payload-too-large', ...ALWAYS),
      },
    },
  },
  '/health': {
    get: {
      operationId: 'health',
      summary: 'Liveness probe and the configured providers.',
      security: [],
      responses: { '200': json(ref('Health'), 'Up.'), ...errors(...ALWAYS) },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'openapi',
      summary: 'This document.',
      security: [],
      responses: { '200': json({ type: 'object', required: ['openapi', 'paths'] }, 'OpenAPI 3.1.'), ...errors(...ALWAYS) },
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
      captureToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The captureToken of POST /sessions.' },
    },
  },
} as const;

/** `GET /openapi.json`. */
export function registerOpenApiRoute(app: BackendApp): void {
  app.get('/openapi.json', (c) => c.json(OPENAPI_DOCUMENT));
}
