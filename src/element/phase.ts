/** Where a check is: the element's `phase` property. */
export type LivenessPhase =
  | 'intro'
  | 'starting'
  | 'guiding'
  | 'capturing'
  | 'uploading'
  | 'processing'
  | 'done'
  | 'error';
