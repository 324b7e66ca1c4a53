/** The dist tests run against `npm run build`'s output; say so plainly when it is missing. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REQUIRED = [
  'dist/cdn/liveness-check.js',
  'dist/cdn/integrity.json',
  'dist/esm/index.js',
  'dist/custom-elements.json',
];

export function assertBuilt(): void {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const missing = REQUIRED.filter((file) => !existsSync(`${root}${file}`));
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run \`npm run build\` before the dist tests`);
}
