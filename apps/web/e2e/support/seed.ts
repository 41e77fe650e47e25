// Test data made through the public API, as an agency system would: a chronology created by the
// lead, entries imported as a CSV file in the exchange format.
import type { Page } from 'playwright-core';

const CATEGORIES = [
  'domestic-abuse-incident',
  'parental-mental-health',
  'neglect-concern',
  'injury',
  'missing-episode',
  'health-assessment',
  'missed-health-appointment',
  'school-absence',
  'referral-to-social-care',
  'positive-change',
  'other',
];
const AGENCIES = ['oxfordshire-csc', 'thames-valley-police', 'northway-primary', 'oxford-health-hv', 'east-oxford-gp', 'ouh-acute'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `count` rows spread over about eight years, with some month-only, approximate and period dates. */
export function syntheticCsv(count: number, seed = 1): string {
  const lines = ['date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by'];
  let x = seed;
  const rand = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  for (let i = 0; i < count; i++) {
    const year = 2017 + Math.floor(rand() * 8);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const kind = rand();
    const date =
      kind < 0.85 ? `${year}-${pad(month)}-${pad(day)}` : kind < 0.93 ? `${year}-${pad(month)}` : kind < 0.97 ? `?${year}-${pad(month)}` : `${year}-${pad(month)}-01..${year}-${pad(month)}-${pad(day)}`;
    const agency = AGENCIES[i % AGENCIES.length]!;
    const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
    lines.push(
      [date, '', agency, category, `Synthetic entry ${i + 1}: ${category.replace(/-/g, ' ')}`, `Detail of synthetic entry ${i + 1}.`, 'Some impact on the child.', 'Some action taken.', `REF-${i + 1}`, 'Load test']
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Creates a chronology (the page must be signed in as a lead) and imports `count` entries into it. */
export async function seedChronology(page: Page, givenName: string, count: number): Promise<string> {
  return page.evaluate(
    async ([name, csv, agencies]) => {
      const created = await fetch('/api/chronologies', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ child: { givenName: name, familyName: 'Loadtest', dateOfBirth: '2012-03-04' }, memberAgencies: agencies }),
      });
      if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      if (csv) {
        const imported = await fetch(`/api/chronologies/${id}/import?fileName=load.csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });
        if (imported.status !== 200) throw new Error(`import answered ${imported.status}: ${(await imported.text()).slice(0, 2000)}`);
      }
      return id;
    },
    [givenName, count > 0 ? syntheticCsv(count) : '', AGENCIES] as const,
  );
}
