import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let chronologyId: string;
beforeEach(() => {
  t = openTestDatabase();
  chronologyId = seedChronology(t.repos).chronology.id;
});
afterEach(() => t.cleanup());

it("works out a caseload page's overdue counts from its own chronologies' actions, never from every open action", () => {
  // The SQL the repository really runs, caught as it is prepared, then asked for its plan: by the open
  // actions' index it would read every overdue action of the county for one page's figures.
  const prepared: string[] = [];
  const prepare = t.db.sqlite.prepare.bind(t.db.sqlite);
  t.db.sqlite.prepare = ((source: string) => (prepared.push(source), prepare(source))) as typeof t.db.sqlite.prepare;
  const lead = t.repos.users.byEmail('lead@northway.example')!;
  for (const dueDate of ['2026-01-01', '2026-03-01']) {
    t.repos.actions.create({ chronologyId, title: 'Visit', notes: '', ownerAgency: lead.agencySlug, ownerUserId: lead.id, dueDate, source: 'entry', sourceRef: '', entryIds: [], createdBy: lead.id });
  }
  expect(t.repos.actions.overdueCounts([chronologyId, 'none'], '2026-02-01')).toEqual({ [chronologyId]: 1, none: 0 });
  const [q] = prepared.filter((text) => /from "actions"/.test(text) && /group by/.test(text));
  const plan = (prepare(`explain query plan ${q}`).all('x', 'x') as Array<{ detail: string }>).map((r) => r.detail).join('\n');
  expect(plan).toMatch(/USING INDEX actions_chronology_idx/);
  expect(plan).not.toMatch(/actions_open_due_idx/);
});
