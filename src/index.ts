/** The package entry: registers `<liveness-check>` and exports its class and types. */
import './liveness-check.js';
export * from './element.js';
