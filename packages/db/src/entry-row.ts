// An entry page's row as read raw (an array, in the columns' order), and the entry it stands for: the one
// definition both backends' page readers use (repos/entry-page.ts, pg/entry-page.ts). Only `restricted`
// arrives differently: SQLite's 0/1, PostgreSQL's boolean.
import type { Entry } from '@mac/domain';

export type EntryRow<Restricted extends number | boolean> = [
  id: string, date: string, time: string, agency: string, category: string, summary: string, detail: string, impactOnChild: string,
  actionTaken: string, sourceRef: string, recordedBy: string, restricted: Restricted, authorId: string, recordedAt: string,
  status: Entry['status'], withdrawnReason: string, sharing: Entry['sharing'], sharingReason: string, childsVoice: string,
  seenAlone: Entry['seenAlone'], personIds: string, riskLevel: string | null, score: number | null, areaGrades: string | null,
  householdEventId: string | null, dateFirst: string, docName: string,
];

/** The same entry `entryFromProjection` makes of the row (same keys, same order), from a raw row. */
export function entryOfRow(r: readonly [...EntryRow<number | boolean>, ...unknown[]]): Entry {
  const entry: Entry = {
    id: r[0], date: r[1], time: r[2], agency: r[3], category: r[4], summary: r[5], detail: r[6], impactOnChild: r[7],
    actionTaken: r[8], sourceRef: r[9], recordedBy: r[10], restricted: r[11] === true || r[11] === 1, authorId: r[12], recordedAt: r[13],
    status: r[14], withdrawnReason: r[15], sharing: r[16], sharingReason: r[17], childsVoice: r[18], seenAlone: r[19],
  } as Entry;
  if (r[20] !== '') entry.personIds = r[20].split(',');
  if (r[21] !== null && r[21] !== '') (entry as { riskLevel?: string }).riskLevel = r[21];
  if (typeof r[22] === 'number') entry.score = r[22];
  if (r[23] !== null && r[23] !== '') (entry as { areaGrades?: string }).areaGrades = r[23];
  if (r[24] !== null && r[24] !== '') entry.householdEventId = r[24];
  return entry;
}
