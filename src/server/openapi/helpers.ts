/** Schema builders shared by the component schemas and the paths, so both spell JSON Schema the same way. */
export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra });
export const closedObject = (
  properties: Record<string, Schema>,
  required: string[] = Object.keys(properties),
): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** The same closed object with some properties optional. */
export const withOptional = (schema: Schema, ...optional: string[]): Schema => ({
  ...schema,
  required: (schema['required'] as string[]).filter((name) => !optional.includes(name)),
});

export const enumOf = (values: readonly string[], extra: Schema = {}): Schema => ({
  type: 'string',
  enum: [...values],
  ...extra,
});
/** A nullable enumeration: JSON Schema wants `null` among the enum values as well as in the type. */
export const nullableEnumOf = (values: readonly string[], extra: Schema = {}): Schema =>
  nullable('string', { enum: [...values, null], ...extra });
export const dateTime: Schema = { type: 'string', format: 'date-time' };
export const id: Schema = { type: 'string', minLength: 1 };
