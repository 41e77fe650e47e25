import { CLOSE, closeReason } from './close-codes.js';

/** Why an update was refused; each maps to the close code the writer's connection gets. */
export type RefusalCode = 'MALFORMED_MESSAGE' | 'MESSAGE_TOO_LARGE' | 'MISSING_DEPENDENCIES' | 'UPDATE_REFUSED' | 'ENTRY_ID_TAKEN' | 'OUTDATED_CLIENT';

export interface Refusal {
  code: RefusalCode;
  /** Short and human, fit for a close frame (< 123 bytes) and an audit record. */
  reason: string;
}

/** Thrown by `submitLocal` when the server's own write breaks a rule (a bug upstream, or a race). */
export class UpdateRefusedError extends Error {
  readonly code: RefusalCode;
  readonly reason: string;

  constructor(refusal: Refusal) {
    super(`update refused (${refusal.code}): ${refusal.reason}`);
    this.name = 'UpdateRefusedError';
    this.code = refusal.code;
    this.reason = refusal.reason;
  }

  get closeCode(): number {
    return CLOSE[this.code];
  }
}

/** The reason is cut to fit a close frame: it travels there, and into the audit log. */
export function refusal(code: RefusalCode, reason: string): Refusal {
  return { code, reason: closeReason(reason) };
}
