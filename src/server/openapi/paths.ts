/** Every route with its parameters, bodies and answers; the error answers are grouped by HTTP status. */
import { ERROR_STATUS, type ErrorCode } from '../errors.js';
import { PROVIDER_NAMES } from '../../shared/providers.js';
import { enumOf, id, ref, type Schema } from './helpers.js';

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

export const paths: Record<string, Record<string, Schema>> = {
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
  '/capture-options': {
    get: {
      operationId: 'getCaptureOptions',
      summary:
        'What media the configured providers accept, read by the widget before recording (capture token, not used up).',
      security: CAPTURE_TOKEN,
      responses: {
        '200': json(ref('CaptureOptions'), 'The accepted recording containers and whether a shotset is accepted.'),
        ...errors('token-missing', 'token-invalid', 'token-expired', 'origin-not-allowed', ...ALWAYS),
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
          'media-type-not-accepted',
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
  '/handoffs': {
    post: {
      operationId: 'createHandoff',
      summary:
        'A short-lived, single-use link to continue the check on a phone (the desktop widget, its capture token). The link is LIVENESS_HANDOFF_URL with the code filled in, or the backend’s own capture page.',
      security: CAPTURE_TOKEN,
      responses: {
        '201': json(ref('HandoffCreated'), 'The link for the QR code, and when it stops working.'),
        ...errors(
          'token-missing',
          'token-invalid',
          'token-expired',
          'token-used',
          'origin-not-allowed',
          'not-found',
          ...ALWAYS,
        ),
      },
    },
  },
  '/handoffs/exchange': {
    post: {
      operationId: 'exchangeHandoff',
      summary:
        'The phone redeems the code of a handoff link, once, for a capture token of its own on the same session (no credentials: the code is one).',
      security: [],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('HandoffExchangeRequest'),
            examples: { typical: { value: { code: 'Qm9iIGlzIGF3ZXNvbWUhIQ' } } },
          },
        },
      },
      responses: {
        '200': json(ref('HandoffExchanged'), 'The phone’s capture token.'),
        ...errors(
          'invalid-request',
          'payload-too-large',
          'handoff-used',
          'handoff-expired',
          'origin-not-allowed',
          'not-found',
          ...ALWAYS,
        ),
      },
    },
  },
  '/handoffs/status': {
    get: {
      operationId: 'getHandoffStatus',
      summary:
        'The desktop follows its session (its capture token): whether the phone redeemed the latest code, and the check the phone uploaded, once there is one. No scores unless LIVENESS_EXPOSE_RESULT.',
      security: CAPTURE_TOKEN,
      responses: {
        '200': json(
          ref('HandoffStatus'),
          'The latest code’s state, and the session’s check or null while the phone has not uploaded.',
        ),
        ...errors('token-missing', 'token-invalid', 'token-expired', 'origin-not-allowed', ...ALWAYS),
      },
    },
  },
  '/handoff/{code}': {
    get: {
      operationId: 'handoffPage',
      summary:
        'The minimal capture page a handoff link opens when LIVENESS_HANDOFF_URL is unset: the package’s own CDN build under a strict CSP naming no other origin. Needs the built package (dist/cdn).',
      security: [],
      parameters: [
        { name: 'code', in: 'path', required: true, schema: id, description: 'The code of the handoff link.' },
      ],
      responses: {
        '200': { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } },
        ...errors('not-found', ...ALWAYS),
      },
    },
  },
  '/handoff/assets/{file}': {
    get: {
      operationId: 'handoffAsset',
      summary: 'A file of the capture page: the CDN build (bundle, chunks, worker, WASM, model) and its stylesheet.',
      security: [],
      parameters: [
        {
          name: 'file',
          in: 'path',
          required: true,
          schema: id,
          description: 'A path inside dist/cdn, e.g. liveness-check.js.',
        },
      ],
      responses: {
        '200': { description: 'The file.', content: { '*/*': { schema: {} } } },
        ...errors('not-found', ...ALWAYS),
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
