import type { ChronologyRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';

/**
 * How long a chronology is kept, by kind. Child protection records are commonly kept until the child's
 * 25th birthday (IRMS Information Management Toolkit for Schools; local authority schedules vary), so the
 * default is 25 years from the date of birth, or from the chronology's creation when the date of birth is
 * unknown. A partnership changes it with MAC_RETENTION_YEARS.
 */
export function retentionDate(record: Pick<ChronologyRecord, 'createdAt' | 'child'>, years: number): string {
  const from = record.child.dateOfBirth ?? record.createdAt.slice(0, 10);
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The retention date in force: the one set on the chronology, else the default rule. */
export function effectiveRetention(deps: Pick<AppDeps, 'config'>, record: ChronologyRecord): string {
  return record.retentionUntil ?? retentionDate(record, deps.config.retentionYears);
}

export async function pastRetention(deps: AppDeps): Promise<{ record: ChronologyRecord; retentionUntil: string }[]> {
  const today = deps.now().toISOString().slice(0, 10);
  return (await deps.repos.chronologies.list())
    .map((record) => ({ record, retentionUntil: effectiveRetention(deps, record) }))
    .filter((r) => r.retentionUntil < today);
}
