import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Principal } from '@mac/domain';
import { hashPassword } from './services/auth/passwords.js';
import { userPrincipal } from './services/auth/sessions.js';
import type { AppDeps } from './deps.js';
import { DEMO_AGENCIES, DEMO_CHILDREN, DEMO_HOUSEHOLDS, DEMO_PEOPLE, DEMO_USERS } from './demo/partnership.js';
import { amend, createEntry } from './services/entries.js';
import { addPersonToChronology, addPersonToHousehold, flagPerson } from './services/people.js';
import { importCsv } from './services/exchange.js';
import { createHousehold } from './services/households.js';
import { recordHouseholdEvent } from './services/household-events.js';

export class DemoPasswordRequired extends Error {}

const WORDS = ['otter', 'harbour', 'lantern', 'meadow', 'copper', 'willow', 'orbit', 'thistle', 'granite', 'puffin', 'saffron', 'beacon'];

function generatedPassword(): string {
  const bytes = randomBytes(4);
  return [...bytes.subarray(0, 3)].map((b) => WORDS[b % WORDS.length]).join('-') + `-${bytes[3]! % 90 + 10}`;
}

/**
 * Loads the demo partnership into an empty database: agencies, accounts and three children's
 * chronologies, written through the same paths as real data (CSV import by the lead, restricted entries
 * by their authors). Does nothing if any user exists, so restarting never wipes or duplicates data.
 */
export async function seedDemoData(deps: AppDeps, log: (line: string) => void = console.log): Promise<{ seeded: boolean; password: string | null }> {
  if ((await deps.repos.users.list()).length > 0) return { seeded: false, password: null };
  let password = deps.config.demoPassword;
  if (!password) {
    if (deps.config.production) {
      throw new DemoPasswordRequired('Refusing to create demo accounts in production without MAC_DEMO_PASSWORD.');
    }
    password = generatedPassword();
  }
  for (const agency of DEMO_AGENCIES) await deps.repos.agencies.upsert(agency);
  const byEmail = new Map<string, Principal>();
  for (const user of DEMO_USERS) {
    const created = await deps.repos.users.create({ ...user, passwordHash: await hashPassword(password) });
    byEmail.set(user.email, userPrincipal({ id: created.id, role: created.role, agency: created.agencySlug, name: created.name }));
  }
  const chronologyIds = new Map<string, string>();
  for (const demo of DEMO_CHILDREN) {
    const lead = byEmail.get(demo.leadEmail)!;
    const record = await deps.repos.chronologies.create({
      child: { ...demo.child, dateOfBirth: demo.child.dateOfBirth ?? null, nhsNumber: demo.child.nhsNumber ?? null, upn: null },
      leadUserId: lead.id,
      memberAgencies: demo.memberAgencies,
      addedBy: lead.id,
    });
    const csv = readFileSync(fileURLToPath(new URL(`./demo/${demo.csvFile}`, import.meta.url)), 'utf8');
    const result = await importCsv(deps, lead, record.id, csv, { dryRun: false, fileName: demo.csvFile }, null);
    if (demo.screeningCsvFile !== undefined) {
      const screening = readFileSync(fileURLToPath(new URL(`./demo/${demo.screeningCsvFile}`, import.meta.url)), 'utf8');
      const more = await importCsv(deps, lead, record.id, screening, { dryRun: false, fileName: demo.screeningCsvFile }, null);
      result.imported += more.imported;
    }
    for (const r of demo.restricted) {
      const author = byEmail.get(r.authorEmail)!;
      await createEntry(deps, author, record.id, { date: r.date, category: r.category, summary: r.summary, detail: r.detail, impactOnChild: r.impactOnChild, actionTaken: r.actionTaken, sourceRef: r.sourceRef, restricted: true }, null);
    }
    chronologyIds.set(demo.key, record.id);
    log(`[seed] ${demo.child.givenName} ${demo.child.familyName}: ${result.imported} entries imported, ${demo.restricted.length} restricted`);
  }
  for (const household of DEMO_HOUSEHOLDS) {
    const ids = household.children.map((c) => chronologyIds.get(c.key)!);
    const lead = byEmail.get(DEMO_CHILDREN.find((c) => c.key === household.children[0]!.key)!.leadEmail)!;
    const { id } = await createHousehold(deps, lead, { chronologyIds: ids, name: household.name, children: household.children.map((c, i) => ({ chronologyId: ids[i]!, relationship: c.relationship, from: c.from })) }, null);
    // Household events (issue 14): recorded once each by its author, a copy on every child's chronology.
    for (const { authorEmail, ...event } of household.events) await recordHouseholdEvent(deps, byEmail.get(authorEmail)!, id, event, null);
    log(`[seed] ${household.name}: ${household.children.map((c) => c.key).join(', ')}; ${household.events.length} household events`);
  }
  await seedPeople(deps, byEmail, chronologyIds, log);
  log(`[seed] demo accounts (password: ${deps.config.demoPassword ? 'from MAC_DEMO_PASSWORD' : password}):`);
  for (const u of DEMO_USERS) log(`[seed]   ${u.email.padEnd(34)} ${u.role.padEnd(12)} ${u.agency}`);
  return { seeded: true, password };
}

/**
 * The adults around the Turner children (DEMO_PEOPLE), through the people service as their agencies would
 * record them: a person on several children's chronologies through their household, flags by their
 * agency, and each entry about them named by a person of the entry's own agency (an amendment).
 */
async function seedPeople(deps: AppDeps, byEmail: Map<string, Principal>, chronologyIds: Map<string, string>, log: (line: string) => void): Promise<void> {
  const byAgency = new Map<string, Principal>();
  for (const p of byEmail.values()) if (p.role !== 'admin' && !byAgency.has(p.agency)) byAgency.set(p.agency, p);
  const named = new Map<string, string[]>(); // entry key (chronology/entry) -> person ids
  for (const person of DEMO_PEOPLE) {
    const author = byEmail.get(person.addedBy)!;
    const body = { givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth ?? null };
    let id: string;
    if (person.links.length > 1) {
      const household = await deps.repos.households.currentFor(chronologyIds.get(person.links[0]!.child)!);
      const children = person.links.map((l) => ({ chronologyId: chronologyIds.get(l.child)!, relationship: l.relationship }));
      id = (await addPersonToHousehold(deps, author, household!.household.id, { ...body, relationship: person.links[0]!.relationship, children }, null)).id;
    } else {
      id = (await addPersonToChronology(deps, author, chronologyIds.get(person.links[0]!.child)!, { ...body, relationship: person.links[0]!.relationship }, null)).id;
    }
    for (const flag of person.flags) await flagPerson(deps, byEmail.get(flag.byEmail)!, id, flag, null);
    for (const n of person.namedOn) {
      const chronologyId = chronologyIds.get(n.child)!;
      const entry = (await deps.repos.entries.query(chronologyId)).find((e) => e.summary.startsWith(n.summaryStartsWith));
      if (!entry) throw new Error(`demo person ${person.key}: no entry of ${n.child} starts "${n.summaryStartsWith}"`);
      const key = `${chronologyId}/${entry.id}`;
      named.set(key, [...(named.get(key) ?? []), id]);
    }
  }
  for (const [key, personIds] of named) {
    const [chronologyId, entryId] = key.split('/') as [string, string];
    const entry = (await deps.repos.entries.query(chronologyId)).find((e) => e.id === entryId)!;
    await amend(deps, byAgency.get(entry.agency)!, chronologyId, entryId, { personIds }, null);
  }
  log(`[seed] people around the Turner children: ${DEMO_PEOPLE.map((p) => `${p.givenName} ${p.familyName}`).join(', ')}; ${named.size} entries name them`);
}
