/** docs/backend.md must name every error code and every configuration variable the code knows. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/server/config.js';
import { ERROR_CODES, ERROR_STATUS } from '../../src/server/errors.js';

const docs = await readFile(new URL('../../docs/backend.md', import.meta.url), 'utf8');

describe('docs/backend.md', () => {
  it.each(ERROR_CODES.map((code) => [code]))('documents error code %s with its status', (code) => {
    expect(docs).toContain(`| \`${code}\` | ${ERROR_STATUS[code]} |`);
  });

  it.each(CONFIG_VARIABLES.map((name) => [name]))('documents %s', (name) => {
    expect(docs).toContain(`\`${name}\``);
  });
});
