/**
 * A loopback emulator of Kairos IDV `POST /v0.{1,2}/liveness-verification` (shared providers doc §2), strict
 * where the contract is documented and deterministic where it is not, so the real adapter runs end to end in
 * tests and the demo. Scores come from ./scoring.ts; edge cases from ./kairos/scenarios.ts.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { parseMultipartForm, type MultipartForm } from '../node/multipart-form.js';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { serve } from '../node/serve.js';
import type { KairosVersion as KairosApiVersion } from './kairos/version.js';
import { readImageSize, type ImageSize } from './kairos/image-size.js';
import {
  centredFaceBoxes,
  errorBody,
  formatKairosTimestamp,
  versionHeaders,
  type EmulatedLivenessBody,
  type EmulatorErrorCode,
} from './kairos/responses.js';
import { KAIROS_SCENARIO_HEADER, KAIROS_SCENARIOS, isKairosScenario, type KairosScenario } from './kairos/scenarios.js';
import { SANDBOX_SPOOF_FACES_LIVENESS, sandboxFacesLiveness, sandboxUnit } from './scoring.js';

export { KAIROS_SCENARIOS, KAIROS_SCENARIO_HEADER, type KairosScenario } from './kairos/scenarios.js';

export interface KairosEmulatorOptions {
  /** Accepted credentials; random ones are generated when omitted. */
  credentials?: { appId: string; appKey: string };
  /** Status for missing or wrong credentials (§2.3 leaves 401 vs 403 open). Default 401. */
  authFailureStatus?: 401 | 403;
  /** Refuse the hyphenated `app-id`/`app-key` headers to catch client bugs (§2.5.9). Default true. */
  rejectHyphenHeaders?: boolean;
  /** Scenario for requests without an `x-sandbox-scenario` header. Default `live`. */
  defaultScenario?: KairosScenario;
  /** Successful analyses allowed before every request gets the quota 403. Default unlimited. */
  quotaRemaining?: number;
  /** Status the `server-error*` scenarios answer with. Default 503. */
  serverErrorStatus?: 500 | 502 | 503;
  /** How long the `slow` scenario holds its answer. Default 2000 ms. */
  slowResponseMs?: number;
  /** The opaque `response_code` put in 200 bodies (the doc's liveness sample shows 2). Default 2. */
  responseCode?: number;
  /** Clock for `requested_at` / `processed_at`. */
  now?: () => Date;
}

export interface KairosEmulatorCall {
  version: KairosApiVersion;
  /** The scenario that applied (header or default); null when the header named an unknown one. */
  scenario: KairosScenario | null;
  /** Names of the request headers, lower-cased, to check what a client really sent. */
  headerNames: string[];
  /** The answer's status; null while pending or when the client left before the answer. */
  status: number | null;
  /** The body's `api_req_uid` for 200 answers. */
  apiReqUid?: string;
  /** The `X-Request-ID` header sent back (v0.2 only). */
  requestId?: string;
}

export interface KairosEmulatorState {
  /** Every request to a liveness-verification path, in arrival order. */
  readonly calls: KairosEmulatorCall[];
  /** Successful analyses left before the quota 403 (Infinity when unlimited); writable for tests. */
  quotaRemaining: number;
}

export interface KairosEmulatorApp {
  app: Hono;
  credentials: { appId: string; appKey: string };
  state: KairosEmulatorState;
  /** Forgets recorded calls and `server-error-once` history and restores the configured quota. */
  reset(): void;
}

export interface RunningKairosEmulator {
  /** Base URL without the version path, e.g. `http://127.0.0.1:40123`. */
  url: string;
  credentials: { appId: string; appKey: string };
  state: KairosEmulatorState;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_SERVER_ERROR_STATUS = 503;
const DEFAULT_SLOW_RESPONSE_MS = 2000;
const DEFAULT_RESPONSE_CODE = 2;

/** Kairos's documented selfie limits (§2.1), restated here rather than shared with the adapter so the two cross-check. */
const MIN_SIDE: Record<KairosApiVersion, number> = { 'v0.1': 480, 'v0.2': 300 };
const MAX_SIDE: Record<KairosApiVersion, number> = { 'v0.1': Number.POSITIVE_INFINITY, 'v0.2': 5000 };

/** Sends an error answer from anywhere in the handler, so each validation step reads as one line. */
type Refuse = (status: ContentfulStatusCode, code: EmulatorErrorCode, message: string) => never;

/** Carries a refusal's Response up to the route handler. */
class EmulatorAnswer extends Error {
  constructor(readonly response: Response) {
    super('emulator answer');
  }
}

export function createKairosEmulatorApp(options: KairosEmulatorOptions = {}): KairosEmulatorApp {
  const credentials = options.credentials ?? {
    appId: `sandbox-${randomBytes(4).toString('hex')}`,
    appKey: `sandbox-${randomBytes(16).toString('hex')}`,
  };
  const authFailureStatus = options.authFailureStatus ?? 401;
  const rejectHyphenHeaders = options.rejectHyphenHeaders ?? true;
  const defaultScenario = options.defaultScenario ?? 'live';
  const serverErrorStatus = options.serverErrorStatus ?? DEFAULT_SERVER_ERROR_STATUS;
  const slowResponseMs = options.slowResponseMs ?? DEFAULT_SLOW_RESPONSE_MS;
  const responseCode = options.responseCode ?? DEFAULT_RESPONSE_CODE;
  const now = options.now ?? (() => new Date());
  const initialQuota = options.quotaRemaining ?? Number.POSITIVE_INFINITY;

  const state: KairosEmulatorState = { calls: [], quotaRemaining: initialQuota };
  /** `server-error-once` keys (credentials + image hash) whose failing first attempt has been served. */
  const failedOnce = new Set<string>();

  const app = new Hono();

  app.post('/:version/liveness-verification', async (c) => {
    const version = c.req.param('version');
    if (version !== 'v0.1' && version !== 'v0.2') {
      return c.json(errorBody('not-found', `no API version ${version}`), 404);
    }
    const requestedAt = now();
    const requestId = randomUUID();
    const headerName = c.req.header(KAIROS_SCENARIO_HEADER);
    const scenario = headerName === undefined ? defaultScenario : isKairosScenario(headerName) ? headerName : null;
    const call: KairosEmulatorCall = {
      version,
      scenario,
      headerNames: [...c.req.raw.headers.keys()],
      status: null,
      ...(version === 'v0.2' ? { requestId } : {}),
    };
    state.calls.push(call);

    const answer = (status: ContentfulStatusCode, body: unknown): Response => {
      call.status = status;
      return c.json(body, status, versionHeaders(version, requestId));
    };
    const refuse: Refuse = (status, code, message) => {
      throw new EmulatorAnswer(answer(status, errorBody(code, message)));
    };

    try {
      if (scenario === null) {
        refuse(400, 'unknown-scenario', `unknown ${KAIROS_SCENARIO_HEADER}; use one of ${KAIROS_SCENARIOS.join(', ')}`);
      }
      const scenarioName: KairosScenario = scenario;
      checkCredentials(c, scenarioName, refuse);
      if (scenarioName === 'quota' || state.quotaRemaining <= 0) {
        refuse(403, 'quota-exceeded', 'usage limit exceeded for this app');
      }
      const { selfie, threshold } = await readLivenessForm(c, refuse);
      const image = readImageSize(selfie);
      if (image === null) return refuse(400, 'unsupported-image', 'selfie is not a JPEG or PNG image');
      checkImageSize(version, image, refuse);

      switch (scenarioName) {
        case 'server-error':
          refuse(serverErrorStatus, 'server-error', 'internal server error, try again later');
          break;
        case 'server-error-once': {
          const key = `${credentials.appKey}:${createHash('sha256').update(selfie).digest('hex')}`;
          // Alternate fail, succeed, so every retry cycle with the same image meets exactly one failure.
          if (failedOnce.delete(key)) break;
          failedOnce.add(key);
          refuse(serverErrorStatus, 'server-error', 'internal server error, try again later');
          break;
        }
        case 'slow':
          if (!(await delay(slowResponseMs, c.req.raw.signal))) {
            // The client gave up (its timeout); this answer is never delivered, so it is not recorded.
            call.status = null;
            return new Response(null, { status: 503 });
          }
          break;
        case 'no-face-4xx':
          refuse(400, 'no-face', 'no face found in selfie');
          break;
        case 'multi-face-4xx':
          refuse(400, 'multiple-faces', 'more than one face found in selfie');
          break;
        case 'not-json':
          call.status = 200;
          return c.html(
            '<html><body>Service temporarily rerouted</body></html>',
            200,
            versionHeaders(version, requestId),
          );
        default:
          break;
      }

      const apiReqUid = randomUUID();
      if (scenarioName === 'malformed-body') {
        // Breaks §2.2 where it matters: the score is missing.
        return answer(200, { api_req_uid: apiReqUid, response_code: responseCode, response_data: { faces: [] } });
      }
      state.quotaRemaining -= 1;
      call.apiReqUid = apiReqUid;
      const body = successBody(scenarioName, selfie, threshold, image, apiReqUid, requestedAt);
      return answer(200, scenarioName === 'variant-shapes' ? variantShapes(body) : body);
    } catch (error) {
      if (error instanceof EmulatorAnswer) return error.response;
      throw error;
    }
  });

  app.notFound((c) => c.json(errorBody('not-found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) =>
    c.json(errorBody('emulator-error', error instanceof Error ? error.message : String(error)), 500),
  );

  function checkCredentials(c: Context, scenario: KairosScenario, refuse: Refuse): void {
    if (scenario === 'auth-401') refuse(401, 'auth-failed', 'invalid app_id or app_key');
    if (scenario === 'auth-403') refuse(403, 'auth-failed', 'invalid app_id or app_key');
    const hyphenated = c.req.header('app-id') !== undefined || c.req.header('app-key') !== undefined;
    if (hyphenated && rejectHyphenHeaders) {
      refuse(authFailureStatus, 'hyphenated-credential-headers', 'send credentials as app_id and app_key');
    }
    const appId = c.req.header('app_id') ?? (rejectHyphenHeaders ? undefined : c.req.header('app-id'));
    const appKey = c.req.header('app_key') ?? (rejectHyphenHeaders ? undefined : c.req.header('app-key'));
    if (appId !== credentials.appId || appKey !== credentials.appKey) {
      refuse(authFailureStatus, 'auth-failed', 'invalid app_id or app_key');
    }
  }

  function successBody(
    scenario: KairosScenario,
    selfie: Uint8Array,
    threshold: number,
    size: ImageSize,
    apiReqUid: string,
    requestedAt: Date,
  ): EmulatedLivenessBody {
    const faceCount = scenario === 'no-face' ? 0 : scenario === 'multi-face' ? 2 : 1;
    const facesLiveness =
      scenario === 'no-face'
        ? 0
        : scenario === 'spoof'
          ? SANDBOX_SPOOF_FACES_LIVENESS
          : scenario === 'boundary'
            ? threshold
            : sandboxFacesLiveness(selfie);
    const confidence = Math.round((0.95 + 0.049 * sandboxUnit(selfie)) * 1000) / 1000;
    return {
      api_req_uid: apiReqUid,
      requested_at: formatKairosTimestamp(requestedAt),
      processed_at: formatKairosTimestamp(now()),
      response_code: responseCode,
      response_data: {
        faces_liveness: facesLiveness,
        faces_predicted: centredFaceBoxes(size, faceCount, confidence),
        img: { width: size.width, height: size.height },
      },
    };
  }

  return {
    app,
    credentials,
    state,
    reset() {
      state.calls.length = 0;
      state.quotaRemaining = initialQuota;
      failedOnce.clear();
    },
  };
}

/**
 * The same answer in shapes the public docs leave open (only the v0.1 sample is public): the request id spelled
 * `api_req_uuid` (as Kairos's async endpoints do), faces without `delta`, `response_code` as a string, and fields
 * no doc names. A client that needs only `faces_liveness` and `faces_predicted` reads it the same.
 */
function variantShapes(body: EmulatedLivenessBody): Record<string, unknown> {
  const { api_req_uid: id, response_data: data, ...rest } = body;
  return {
    ...rest,
    api_req_uuid: id,
    api_version: 'v0.2',
    response_code: String(body.response_code),
    response_data: {
      faces_liveness: data.faces_liveness,
      faces_predicted: data.faces_predicted.map(({ confidence, top_left }) => ({
        confidence,
        top_left,
        landmarks: [],
      })),
      img: { ...data.img, format: 'jpeg' },
      model: { name: 'sandbox', version: 2 },
    },
  };
}

async function readLivenessForm(c: Context, refuse: Refuse): Promise<{ selfie: Uint8Array; threshold: number }> {
  const contentType = c.req.header('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    refuse(415, 'not-multipart', 'send multipart/form-data with selfie and threshold fields');
  }
  let form: MultipartForm;
  try {
    form = await parseMultipartForm(contentType, new Uint8Array(await c.req.arrayBuffer()));
  } catch {
    return refuse(400, 'malformed-multipart', 'the multipart body could not be parsed');
  }
  const selfie = form.file('selfie');
  if (selfie === null || selfie.bytes.length === 0) {
    return refuse(400, 'missing-selfie', 'the selfie field must be a non-empty file');
  }
  const thresholdField = form.field('threshold');
  const threshold = thresholdField !== null && thresholdField.trim() !== '' ? Number(thresholdField) : NaN;
  if (!(threshold >= 0 && threshold <= 1)) {
    refuse(400, 'invalid-threshold', 'threshold must be a number from 0 to 1 sent as a text field');
  }
  return { selfie: selfie.bytes, threshold };
}

function checkImageSize(version: KairosApiVersion, image: ImageSize, refuse: Refuse): void {
  const shorter = Math.min(image.width, image.height);
  const longer = Math.max(image.width, image.height);
  if (shorter < MIN_SIDE[version]) {
    refuse(400, 'image-too-small', `selfie ${image.width}x${image.height} is under ${MIN_SIDE[version]} px`);
  }
  if (longer > MAX_SIDE[version]) {
    refuse(400, 'image-too-large', `selfie ${image.width}x${image.height} is over ${MAX_SIDE[version]} px`);
  }
}

/** Resolves true after `ms`, or false as soon as the client goes away. */
function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Serves the emulator on 127.0.0.1 (port 0 by default: the OS picks a free port). */
export async function startKairosEmulator(
  options: KairosEmulatorOptions & { port?: number } = {},
): Promise<RunningKairosEmulator> {
  const emulator = createKairosEmulatorApp(options);
  // close() also drops keep-alive sockets and a held `slow` answer, which would otherwise keep it waiting.
  const server = await serve(emulator.app.fetch, { port: options.port ?? 0 });
  return {
    url: server.url,
    credentials: emulator.credentials,
    state: emulator.state,
    reset: () => emulator.reset(),
    close: server.close,
  };
}
