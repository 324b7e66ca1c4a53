/** The one part of fflate the widget uses, behind a dynamic import of its own (see shotset.ts). */
export { zipSync } from 'fflate';
