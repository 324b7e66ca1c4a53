/**
 * The backend's HTTP API as an OpenAPI 3.1 document, served at `GET /openapi.json`. Enumerations come from the
 * implementation (error codes, policies, media tags) so they cannot drift; test/server/openapi.test.ts checks the
 * rest against the running app: every route is described and every description is a route, the examples are
 * accepted, and real answers match the documented schemas.
 */
import type { BackendApp } from './routes/deps.js';
import { paths } from './openapi/paths.js';
import { schemas } from './openapi/schemas.js';

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
