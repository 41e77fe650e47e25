// What a write costs against its principal's write volume (Limits.amendmentsPerMinute, writeBytesPerMinute).
// Amending existing entries is what a hostile member repeats to flood the log (thousands of amendments of
// 10,000-character fields a minute); new entries cost only their bytes, so real data entry and the sync
// benchmark's 300 entries at a 2 ms pace stay well inside the budget.
import type { EntryChange } from './update-inspector.js';

export interface WriteCost {
  amendments: number;
  bytes: number;
}

export function writeCost(changes: readonly EntryChange[], update: Uint8Array): WriteCost {
  return { amendments: changes.filter((change) => change.kind !== 'create').length, bytes: update.byteLength };
}
