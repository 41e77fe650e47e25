// How "changes since …" names the snapshot it compares with. A pack is often prepared days before
// its conference: before the conference date, "since the conference on 10 Dec 2026" would name a
// meeting that has not happened, so it says "since the pack of 3 Dec 2026" (when it was made).
import { formatChronoDate } from '@mac/domain';

export interface SnapshotDates {
  /** The conference the pack was made for (YYYY-MM-DD), if one was given. */
  readonly conferenceDate: string | null;
  /** When the pack (its snapshot) was made: an ISO timestamp. */
  readonly takenAt: string;
}

/** `today` is YYYY-MM-DD in the person's time zone. */
export function sinceLabel(s: SnapshotDates, today: string): string {
  if (s.conferenceDate && s.conferenceDate <= today) return `the conference on ${formatChronoDate(s.conferenceDate)}`;
  return `the pack of ${formatChronoDate(s.takenAt.slice(0, 10))}`;
}

/** Today as YYYY-MM-DD where the person is (not UTC: just after midnight in London is still yesterday in UTC in summer). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
