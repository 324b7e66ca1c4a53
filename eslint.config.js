// The config lives in tools/lint/ (see there); ESLint looks for it here.
export { default } from './tools/lint/eslint.config.js';
