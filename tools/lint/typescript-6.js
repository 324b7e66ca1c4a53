/**
 * Makes every `require('typescript')` in the ESLint process load this workspace's TypeScript 6.
 *
 * typescript-eslint type-checks through TypeScript's JavaScript API, which TypeScript 7 (the project's compiler,
 * at the root of node_modules) no longer has. npm nests TypeScript 6 and the typescript-eslint packages that
 * declare it as a peer here, but it hoists ts-api-utils to the root (its peer range, >=4.8.4, also accepts 7),
 * where it would load TypeScript 7 and crash. Imported first by eslint.config.js, before any of those packages.
 * Remove this file and the workspace once typescript-eslint supports TypeScript 7.
 */
import Module, { createRequire } from 'node:module';

const typescript6 = createRequire(import.meta.url).resolve('typescript');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'typescript' ? typescript6 : resolveFilename.call(this, request, ...rest);
};
