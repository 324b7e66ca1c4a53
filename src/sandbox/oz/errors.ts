/**
 * Oz error answers as the emulator sends them (§1.7): `{error_code, error_message, details}`. The HTTP status for
 * the auth codes is undocumented (open question 2); the emulator uses 401 for 6/7/8 and 403 for 9.
 */

export const OZ_HTTP_STATUS_BY_CODE: Record<number, number> = {
  0: 500,
  1: 405,
  2: 501,
  3: 400,
  4: 400,
  5: 400,
  6: 401,
  7: 401,
  8: 401,
  9: 403,
  10: 404,
  11: 502,
};

export class OzApiError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
    readonly details: unknown = null,
    readonly status: number = OZ_HTTP_STATUS_BY_CODE[errorCode] ?? 400,
  ) {
    super(message);
  }

  toResponse(): Response {
    return Response.json(
      { error_code: this.errorCode, error_message: this.message, details: this.details },
      { status: this.status },
    );
  }
}

export const invalidStructure = (message: string, details: unknown = null): OzApiError =>
  new OzApiError(3, message, details);
export const invalidValue = (message: string, details: unknown = null): OzApiError =>
  new OzApiError(4, message, details);
export const notExist = (what: string, id: string): OzApiError => new OzApiError(10, `${what} not found`, { id });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Oz ids are UUIDs; anything else is an invalid value (4), not a missing resource (10) (§1.11 #8). */
export function requireUuid(id: string, field: string): string {
  if (!UUID.test(id)) throw invalidValue(`${field} is not a valid UUID`, { [field]: id });
  return id.toLowerCase();
}
