export { createOzAdapter, type OzAdapter, type OzConfig } from './adapter.js';
export { analysisStatus, decideQuality, findMediaResult, isPending, type QualityVerdict } from './decision.js';
export { parseApiVersion } from './version.js';
export { prepareOzUpload, type OzUpload } from './upload.js';
export { analysisIdsIn } from './webhook.js';
