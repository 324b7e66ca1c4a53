/** The state of a session's latest handoff code, as GET /handoffs/status reports it to the desktop. */
export const HANDOFF_CODE_STATES = ['waiting', 'redeemed', 'expired'] as const;
export type HandoffCodeState = (typeof HANDOFF_CODE_STATES)[number];
