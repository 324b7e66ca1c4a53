// Generates dist/custom-elements.json (the package's `customElements` field) from the element's JSDoc (@event,
// @slot, @csspart, @cssproperty, property comments) and its Lit `static properties`. Run by `npm run build`.
import {
  eventTypesFrom,
  litStateProperties,
  publicApiOnly,
  publishedPaths,
  tagNameFromConstants,
} from './scripts/build/cem-plugins.mjs';

export default {
  globs: ['src/liveness-check.ts', 'src/element/liveness-check.component.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [
    litStateProperties(),
    publicApiOnly(),
    eventTypesFrom('src/events/index.ts', 'LivenessEventMap'),
    tagNameFromConstants(),
    publishedPaths('src', 'dist/esm'),
  ],
};
