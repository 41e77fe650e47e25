// Seeds the synthetic county into a data directory through the server's real write path, over HTTP:
// accounts by one administrator and approved by the other (the two-person rule), chronologies created by
// their leads, every entry imported as an exchange-format CSV by the lead (one import per chronology),
// a few restricted police entries posted by a police officer, households linked by their lead.
//
// The one step past the API: there is no route that creates agencies, so the two the demo partnership
// lacks are added through the storage port (packages/db), as the demo seed adds its own.
//
// What it wrote is kept in `county.json` beside the database; the bench reuses a directory that has one.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '@mac/db';
import { DEMO_USERS } from '../../src/demo/partnership.js';
import { Api, pool } from './http.js';
import { startServerChild } from './server-child.js';
import { EXTRA_AGENCIES, entriesCsv, entryBody, kindOf, planAccounts, planChronologies, rng, type Account, type CountySize } from './synth.js';

export const PASSWORD = 'a county bench passphrase';
const MANIFEST = 'county.json';

export interface SeededChronology {
  id: string;
  leadEmail: string;
  memberAgencies: string[];
  entries: number;
  big: boolean;
  familyName: string;
}

export interface County {
  size: CountySize['name'];
  seededAt: string;
  seedSeconds: number;
  accounts: Array<Account & { id: string }>;
  chronologies: SeededChronology[];
  entries: number;
  databaseMb: number;
  /** The seed's own timings, printed again on reuse. */
  timings: Record<string, number>;
}

export function readCounty(dataDir: string): County | null {
  const file = join(dataDir, MANIFEST);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as County) : null;
}

const adminEmail = DEMO_USERS.find((u) => u.role === 'admin')!.email;
const admin2Email = DEMO_USERS.filter((u) => u.role === 'admin')[1]!.email;

function fileMb(path: string): number {
  return existsSync(path) ? statSync(path).size / 1048576 : 0;
}

export async function seedCounty(dataDir: string, size: CountySize, log: (line: string) => void): Promise<County> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const began = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => (timings[name] = Math.round((performance.now() - since) / 100) / 10);

  const server = await startServerChild({ dataDir, demoPassword: PASSWORD });
  try {
    const api = new Api(server.origin);
    // Agencies: no route creates them. The key is the server's (nothing here writes an audit record).
    let t = performance.now();
    const store = await openSqliteStore({ dataDir }, { auditKey: Buffer.from(readFileSync(join(dataDir, 'audit.key'), 'utf8').trim(), 'hex'), thread: 'inline' });
    for (const agency of EXTRA_AGENCIES) await store.repos.agencies.upsert(agency);
    await store.close();

    // Accounts: created by one administrator, then approved by the other. All created first: each new
    // account notifies every approved lead of its agency (one write each), so approving as we went would
    // make the county's 300 social-work leads cost ~300 writes per later account (see the report).
    const admin = await api.login(adminEmail, PASSWORD);
    const admin2 = await api.login(admin2Email, PASSWORD);
    const planned = planAccounts(size);
    const accounts: County['accounts'] = [];
    await pool(planned, 4, async (account) => {
      const made = await api.request(admin, 'POST', '/api/admin/users', { json: { ...account, password: PASSWORD } });
      const text = await made.text();
      // 409: a request sent again after a connection reset had already created it (the id is listed below).
      if (made.status === 409) return;
      if (made.status !== 201) throw new Error(`create ${account.email}: ${made.status} ${text.slice(0, 200)}`);
      accounts.push({ ...account, id: (JSON.parse(text) as { user: { id: string } }).user.id });
    });
    if (accounts.length < planned.length) {
      const listed = (await api.json<{ users: Array<{ id: string; email: string }> }>(admin, 'GET', '/api/admin/users')).users;
      for (const account of planned) {
        if (accounts.some((a) => a.email === account.email)) continue;
        accounts.push({ ...account, id: listed.find((u) => u.email === account.email)!.id });
      }
    }
    await pool(accounts, 4, async (account) => {
      await api.json(admin2, 'POST', `/api/approvals/users/${account.id}`, undefined, [204, 404]);
    });
    accounts.sort((a, b) => a.email.localeCompare(b.email));
    lap('accounts', t);
    log(`  ${accounts.length} accounts in ${timings.accounts} s`);

    // Chronologies, each imported in one CSV by its lead.
    t = performance.now();
    const leads = accounts.filter((a) => a.role === 'lead');
    const plan = planChronologies(size, leads.length);
    const sessions = new Map<string, Promise<string>>();
    const session = (email: string) => {
      if (!sessions.has(email)) sessions.set(email, api.login(email, PASSWORD));
      return sessions.get(email)!;
    };
    const chronologies: SeededChronology[] = new Array(plan.length);
    let done = 0;
    let entries = 0;
    let lastLog = performance.now();
    // The big ones first: the slowest imports should not be left for the end of the pool.
    const order = [...plan].sort((a, b) => b.entries - a.entries);
    await pool(order, 3, async (p) => {
      const lead = leads[p.lead]!;
      const cookie = await session(lead.email);
      const made = await api.json<{ id: string }>(cookie, 'POST', '/api/chronologies', { child: p.child, memberAgencies: p.memberAgencies });
      const csv = entriesCsv(1_000 + p.n, p.entries, p.child.dateOfBirth, p.memberAgencies);
      const result = await api.request(cookie, 'POST', `/api/chronologies/${made.id}/import?fileName=county-${p.n}.csv`, { csv });
      const text = await result.text();
      if (result.status !== 200) throw new Error(`import into chronology ${p.n}: ${result.status} ${text.slice(0, 300)}`);
      // Sent again after a connection reset, an import reports the rows it already took as duplicates.
      const answer = JSON.parse(text) as { imported: number; duplicates: unknown[] };
      const imported = answer.imported + answer.duplicates.length;
      chronologies[p.n] = { id: made.id, leadEmail: lead.email, memberAgencies: p.memberAgencies, entries: imported, big: p.big, familyName: p.child.familyName };
      entries += imported;
      done += 1;
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`  ${done}/${plan.length} chronologies, ${entries} entries, ${Math.round((performance.now() - t) / 1000)} s`);
      }
    });
    lap('chronologies', t);
    log(`  ${plan.length} chronologies, ${entries} entries imported in ${timings.chronologies} s (${Math.round(entries / timings.chronologies!)} entries/s)`);

    // Restricted police entries on one chronology in 25 (police intelligence), by a police officer.
    t = performance.now();
    const police = accounts.filter((a) => a.agency === 'thames-valley-police');
    const r = rng(99);
    const restricted = chronologies.filter((c, i) => i % 25 === 0 && c.memberAgencies.includes('thames-valley-police'));
    await pool(restricted, 3, async (c) => {
      const officer = police[Math.floor(r() * police.length)]!;
      const cookie = await session(officer.email);
      for (let k = 0; k < 2; k++) await api.json(cookie, 'POST', `/api/chronologies/${c.id}/entries`, entryBody(r, kindOf(officer.agency), true));
      c.entries += 2;
      entries += 2;
    });
    // Households: linked by their lead.
    const households = new Map<number, number[]>();
    for (const p of plan) if (p.household !== null) households.set(p.household, [...(households.get(p.household) ?? []), p.n]);
    await pool([...households.values()].filter((members) => members.length >= 2), 3, async (members) => {
      const lead = leads[plan[members[0]!]!.lead]!;
      const cookie = await session(lead.email);
      await api.json(cookie, 'POST', '/api/households', { chronologyIds: members.map((n) => chronologies[n]!.id), name: `${chronologies[members[0]!]!.familyName} household` });
    });
    lap('restricted entries and households', t);
    log(`  ${restricted.length * 2} restricted entries, ${households.size} households in ${timings['restricted entries and households']} s`);

    const county: County = {
      size: size.name,
      seededAt: new Date().toISOString(),
      seedSeconds: Math.round((performance.now() - began) / 1000),
      accounts,
      chronologies,
      entries,
      databaseMb: 0,
      timings,
    };
    await server.stop();
    county.databaseMb = Math.round(fileMb(join(dataDir, 'mac.sqlite')) + fileMb(join(dataDir, 'mac.sqlite-wal')));
    writeFileSync(join(dataDir, MANIFEST), JSON.stringify(county));
    return county;
  } finally {
    await server.stop();
  }
}
