// An instant (ISO 8601) as people in England read it: "5 Dec 2026, 14:05", UK time whatever the
// browser's zone. Its own module, apart from the entry history, so that pages showing a time do not
// bring the entry schema with them.
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(d);
}
