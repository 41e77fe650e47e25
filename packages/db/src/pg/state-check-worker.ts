// The thread of state-check.ts: S9's verdict on a replacement (null: the state holds the rows).
import { serveTasks } from '@mac/threads/serve-tasks';
import { replacementProblem } from '../repos/update-log.js';

export type StateCheckTask = { merged: Uint8Array; bytes: Uint8Array; ends: Uint32Array; converted: boolean };

serveTasks(({ merged, bytes, ends, converted }: StateCheckTask) => {
  const rows: Uint8Array[] = [];
  let start = 0;
  for (const end of ends) {
    rows.push(bytes.subarray(start, end));
    start = end;
  }
  return { value: replacementProblem(merged, rows, converted) };
});
