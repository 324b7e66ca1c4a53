/** Component schemas. Enumerations come from src/shared and the server modules so they cannot drift. */
import { HANDOFF_CODE_STATES } from '../../shared/handoff.js';
import {
  CAPTURE_MODES,
  CAPTURE_REPORT_VERSION,
  CLIP_FALLBACKS,
  CLIP_TYPES,
  MANUAL_REASONS,
  MEDIA_KINDS,
  MEDIA_TAGS,
} from '../../shared/media.js';
import {
  CHECK_STATUSES,
  DECISIONS,
  PROVIDER_DECISIONS,
  PROVIDER_ERROR_CODES,
  PROVIDER_NAMES,
  PROVIDER_RESULT_STATUSES,
  RAW_SCORE_NAMES,
  SESSION_STATUSES,
} from '../../shared/providers.js';
import { KAIROS_SANDBOX_SCENARIOS, OZ_SANDBOX_SCENARIOS, SANDBOX_SCENARIO_PATTERN } from '../../shared/sandbox.js';
import { CAMERA_CONTROLS, SIGNAL_REASONS } from '../../shared/signals.js';
import { ERROR_CODES } from '../errors.js';
import { POLICY_NAMES } from '../policy.js';
import {
  closedObject,
  dateTime,
  enumOf,
  id,
  nullable,
  nullableEnumOf,
  ref,
  withOptional,
  type Schema,
} from './helpers.js';

const scenarioName = (provider: string, names: readonly string[]): Schema => ({
  type: 'string',
  pattern: SANDBOX_SCENARIO_PATTERN,
  description: `Sandbox only. ${provider}: ${names.join(', ')}.`,
});

export const schemas: Record<string, Schema> = {
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
      clipFallback: enumOf(CLIP_FALLBACKS),
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
  CaptureOptions: closedObject({
    clipTypes: {
      type: 'array',
      items: enumOf(CLIP_TYPES),
      description:
        'Recording containers every configured provider accepts (Oz: MP4/MOV only). Empty: record frames instead.',
    },
    shotset: { type: 'boolean', description: 'Whether a ZIP of frames is accepted.' },
  }),
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
  HandoffCreated: closedObject({
    code: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$', description: 'Single use.' },
    url: { type: 'string', description: 'The link the QR code holds.' },
    expiresAt: dateTime,
  }),
  HandoffExchangeRequest: closedObject({ code: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' } }),
  HandoffExchanged: closedObject({
    sessionId: id,
    captureToken: { type: 'string', description: 'For the phone’s <liveness-check> (POST /checks).' },
    expiresAt: dateTime,
  }),
  HandoffStatus: closedObject({
    sessionId: id,
    code: {
      oneOf: [{ type: 'string', enum: [...HANDOFF_CODE_STATES] }, { type: 'null' }],
      description:
        'The session’s latest handoff code: `waiting` (not redeemed yet), `redeemed` (the phone has it: the desktop says "continue on your phone"), `expired` (unused; the desktop offers a new one), or null before the first.',
    },
    check: { oneOf: [ref('CheckStatus'), { type: 'null' }] },
  }),
};
