// The county's day, compressed: simulated practitioners signing in, listing their caseload, opening
// chronologies over the websocket (stock y-websocket clients), reading entries a page at a time and the
// reviews of the highlights (as the browser does; now and then the server's own evaluation), writing entries (over the websocket and REST); multi-agency meetings of twelve
// people on one timeline; a few imports and conference packs. The same actions run first one at a time on
// the idle server, then all together for a fixed time.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { buildEntry } from '@mac/domain/testing';
import { DocClients, type DocHandle } from './doc-clients.js';
import { Api, HttpError } from './http.js';
import { PASSWORD, type County, type SeededChronology } from './seed.js';
import { entriesCsv, entryBody, kindOf, rng, type Rng } from './synth.js';
import type { Recorder } from './stats.js';

type Person = County['accounts'][number];

export interface LoadOptions {
  seconds: number;
  users: number;
  meetings: number;
  meetingSize: number;
  importEverySeconds: number;
  packEverySeconds: number;
  /** Think time multiplier: 1 is a practitioner working through cases (a chronology every ~20 s). */
  think: number;
  /** Share of sign-ins that load the caseload's first page (the browser's landing page does; 1 by default). */
  listShare: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** apps/web caseload-page.ts: how long the page waits before asking again for counts still being worked out. */
const RECOUNT_AFTER_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];
const sizeClass = (c: SeededChronology) => (c.big ? '2,000+' : 'typical');
/** GET /api/chronologies, as much of it as the bench reads. */
type CaseloadPage = { chronologies: Array<{ id: string; openHighlights: number | null }>; next: string | null };
export class Workload {
  readonly api: Api;
  /** The simulated users' documents, in worker threads of this process (doc-clients.ts). */
  readonly docs: DocClients;
  private stopping = false;

  constructor(
    readonly origin: string,
    readonly county: County,
    readonly rec: Recorder,
  ) {
    this.api = new Api(origin);
    // Every request waits on the same stop signal.
    setMaxListeners(0, this.api.stop.signal);
    this.docs = new DocClients(origin, rec);
    this.api.stop.signal.addEventListener('abort', () => this.docs.abort());
  }

  get openClients(): number {
    return this.docs.openClients;
  }

  // ---- the actions -------------------------------------------------------------------------------

  signIn(person: Person): Promise<string | undefined> {
    return this.rec.time('sign in', () => this.api.login(person.email, PASSWORD));
  }

  /**
   * The caseload's first page, as the browser's landing page asks for it (50, newest first), or the page
   * after `after`: whether it answered with counts still being worked out ("Counting…"), and its `next`.
   */
  async caseload(cookie: string, label = 'caseload (first page)', after?: string, q?: string): Promise<{ counting: boolean; next: string | null }> {
    const query = after ? `?after=${after}` : q ? `?q=${encodeURIComponent(q)}` : '';
    const list = await this.rec.time(label, () => this.api.json<CaseloadPage>(cookie, 'GET', `/api/chronologies${query}`));
    const counting = list?.chronologies.some((c) => c.openHighlights === null) ?? false;
    if (counting) this.rec.count(`${label}: answered with counts still being worked out ("Counting…")`);
    return { counting, next: list?.next ?? null };
  }

  /**
   * One caseload page (the first, the page after `after`, or a search for `q`) shown until `leaving`, asked
   * again on the browser's schedule while a count shows "Counting…" (caseload-page.ts: the browser stops
   * asking once the page is left).
   */
  private async showCaseload(cookie: string, label: string, leaving: number, page: { after?: string; q?: string } = {}): Promise<string | null> {
    let { counting, next } = await this.caseload(cookie, label, page.after, page.q);
    for (const wait of RECOUNT_AFTER_MS) {
      if (!counting || this.stopping || Date.now() + wait > leaving) break;
      await sleep(wait);
      ({ counting, next } = await this.caseload(cookie, 'caseload (asked again for its counts)', page.after, page.q));
    }
    return next;
  }

  /** The caseload page looked at for `lookMs`, asking again on the browser's schedule while a count shows "Counting…". */
  private async lookAtCaseload(cookie: string, lookMs: number, r: Rng): Promise<void> {
    const leaving = Date.now() + lookMs;
    const next = await this.showCaseload(cookie, 'caseload (first page)', leaving);
    // One in five looks at the next page too (its counts are seldom worked out ahead: count-warmer.ts).
    if (next !== null && r() < 0.2 && !this.stopping) await this.showCaseload(cookie, 'caseload (next page)', leaving, { after: next });
    await sleep(Math.max(0, leaving - Date.now()));
  }

  /**
   * The idle server's first caseload lists work out every listed chronology's open-highlight count (kept in
   * memory, so cold after every start): the list answers with those not ready by `MAC_CASELOAD_COUNT_WAIT_MS`
   * as "Counting…", and the browser asks again until none is left, as this does. Those first lists are timed
   * on their own; the rest of the idle phase runs once the counts are worked out (an idle server is not one
   * working out hundreds of counts), and the caseload with its counts kept is timed too.
   */
  private async caseloadUntilCounted(cookie: string, repeat: number): Promise<void> {
    for (let i = 0; i < 120; i++) {
      const list = await this.rec.time('caseload (first page), first after start', () => this.api.json<CaseloadPage>(cookie, 'GET', '/api/chronologies'));
      if (!list || list.chronologies.every((c) => c.openHighlights !== null)) break;
      await sleep(500);
    }
    for (let i = 0; i < repeat; i++) await this.caseload(cookie);
  }

  /**
   * A search for the child's family name, its results looked at for `lookMs` before one is chosen (the
   * browser asks again on its schedule meanwhile while a count shows "Counting…").
   */
  async search(cookie: string, c: SeededChronology, lookMs = 0): Promise<void> {
    const leaving = Date.now() + lookMs;
    await this.showCaseload(cookie, 'caseload search (?q=name)', leaving, { q: c.familyName });
    await sleep(Math.max(0, leaving - Date.now()));
  }

  /**
   * Exactly what the browser asks (apps/web/src/api.ts `chronology`): this models a practitioner opening a
   * chronology, and the page shows no open-highlight count (it works the highlights out live), so it asks for
   * none (`openHighlights=none`). Without it the server works the count out for the many chronologies whose
   * count is not kept (count-warmer.ts warms only each agency's first caseload page): every pattern rule over
   * the whole chronology, which API clients still get but no browser asks for; with `kept` it reads the
   * count's key (eight grouped reads) to find one kept.
   */
  chronology(cookie: string, c: SeededChronology) {
    return this.rec.time('chronology (GET /:id)', () => this.api.json(cookie, 'GET', `/api/chronologies/${c.id}?openHighlights=none`));
  }

  /** A stock y-websocket client on the shared document (in a worker, doc-clients.ts), measured to its first full sync. */
  open(cookie: string, c: SeededChronology, label = `open document (ws sync), ${sizeClass(c)}`): Promise<DocHandle | undefined> {
    return this.docs.openDoc(cookie, c.id, label);
  }

  close(client: DocHandle): void {
    this.docs.close(client);
  }

  async entries(cookie: string, c: SeededChronology) {
    await this.rec.time(`entries, every page, ${sizeClass(c)}`, async () => {
      let cursor: string | undefined;
      do {
        const page = await this.rec.time('entries page (limit=500)', () =>
          this.api.json<{ entries: unknown[]; next?: string }>(cookie, 'GET', `/api/chronologies/${c.id}/entries?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        );
        if (!page) throw new Error('a page failed');
        cursor = page.next;
      } while (cursor);
    });
  }

  /** What the browser's chronology page asks for (it works the highlights out live): the reviews only. */
  reviews(cookie: string, c: SeededChronology) {
    return this.rec.time(`reviews (page), ${sizeClass(c)}`, () => this.api.json(cookie, 'GET', `/api/chronologies/${c.id}/patterns/reviews`));
  }

  /** The server's own evaluation (alerts, packs and other API clients ask for it; the browser does not). */
  patterns(cookie: string, c: SeededChronology) {
    return this.rec.time(`patterns, ${sizeClass(c)}`, () => this.api.json(cookie, 'GET', `/api/chronologies/${c.id}/patterns`));
  }

  writeRest(cookie: string, person: Person, c: SeededChronology, r: Rng) {
    return this.rec.time('write entry (REST)', () => this.api.json(cookie, 'POST', `/api/chronologies/${c.id}/entries`, entryBody(r, kindOf(person.agency))));
  }

  /** An entry added to the client's document, as the browser's form does; the server's broadcast is a delivery. */
  writeWs(client: DocHandle, person: Person, r: Rng): void {
    const id = randomUUID();
    const body = entryBody(r, kindOf(person.agency));
    this.docs.write(
      client,
      buildEntry({ ...body, id, time: '', agency: person.agency, authorId: person.id, recordedAt: new Date().toISOString(), sourceRef: '', recordedBy: '', sharing: 'undecided' }),
    );
    this.rec.count('entries written over the websocket');
  }

  async importInto(cookie: string, rows: number, r: Rng) {
    const made = await this.rec.time('create chronology', () =>
      this.api.json<{ id: string }>(cookie, 'POST', '/api/chronologies', { child: { givenName: 'Imported', familyName: `Bench ${Math.floor(r() * 1e6)}`, dateOfBirth: '2012-05-01' }, memberAgencies: ['thames-valley-police', 'east-oxford-gp'] }),
    );
    if (!made) return;
    const csv = entriesCsv(Math.floor(r() * 1e9), rows, '2012-05-01', ['oxfordshire-csc', 'thames-valley-police', 'east-oxford-gp']);
    await this.rec.time(`import ${rows.toLocaleString('en-GB')} rows`, async () => {
      const res = await this.api.request(cookie, 'POST', `/api/chronologies/${made.id}/import?fileName=bench.csv`, { csv });
      const text = await res.text();
      if (res.status !== 200) throw new HttpError(res.status, 'import', text);
    });
  }

  pack(cookie: string, c: SeededChronology, format: 'pdf' | 'csv') {
    return this.rec.time(`pack ${format.toUpperCase()}, ${sizeClass(c)}`, async () => {
      const res = await this.api.request(cookie, 'POST', `/api/chronologies/${c.id}/packs`, { json: { kind: 'professional', format, conferenceDate: new Date().toISOString().slice(0, 10) } });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new HttpError(res.status, 'pack', Buffer.from(body).toString('utf8'));
    });
  }

  // ---- the idle server: each action alone, one at a time ----------------------------------------

  /** `afterSignIns`: told when the phase's first sign-ins are done (the bench reports what the server did meanwhile). */
  async idle(repeat: number, afterSignIns?: () => void): Promise<void> {
    const r = rng(7);
    const lead = this.county.accounts.find((a) => a.role === 'lead')!;
    const typical = this.county.chronologies.filter((c) => !c.big && c.entries >= 20);
    const big = this.county.chronologies.filter((c) => c.big);
    const some = <T>(list: T[], n: number) => Array.from({ length: n }, (_, i) => list[(i * 7919) % list.length]!);
    let cookie: string | undefined;
    for (let i = 0; i < repeat; i++) cookie = (await this.signIn(lead)) ?? cookie;
    afterSignIns?.();
    if (!cookie) throw new Error('the idle phase could not sign in');
    await this.caseloadUntilCounted(cookie, repeat);
    const sample = [...some(typical, repeat), ...some(big, Math.max(2, Math.ceil(repeat / 3)))];
    for (const c of sample) {
      await this.search(cookie, c);
      await this.chronology(cookie, c);
      const client = await this.open(cookie, c);
      await this.entries(cookie, c);
      await this.reviews(cookie, c);
      await this.patterns(cookie, c);
      if (client) this.close(client);
    }
    for (const c of some(typical, repeat)) await this.writeRest(cookie, lead, c, r);
    // Deliveries: two people on one document, one writing.
    const other = this.county.accounts.find((a) => a.role === 'lead' && a.id !== lead.id)!;
    const otherCookie = await this.signIn(other);
    const target = typical[0]!;
    const [a, b] = [await this.open(cookie, target), otherCookie ? await this.open(otherCookie, target) : undefined];
    if (a && b) {
      for (let i = 0; i < repeat * 2; i++) {
        this.writeWs(a, lead, r);
        await sleep(200);
      }
      await sleep(1_000);
    }
    if (a) this.close(a);
    if (b) this.close(b);
    for (const rows of [300, 1_000, 2_500]) await this.importInto(cookie, rows, r);
    for (const c of some(typical, 3)) await this.pack(cookie, c, 'pdf');
    for (const c of some(big, 2)) await this.pack(cookie, c, 'pdf');
    for (const c of some(typical, 2)) await this.pack(cookie, c, 'csv');
  }

  // ---- the loaded server: everything at once for a fixed time -----------------------------------

  async load(opts: LoadOptions): Promise<void> {
    const until = Date.now() + opts.seconds * 1_000;
    // What has not finished a minute after the end is given up and counted as an error: a stalled
    // server must not keep the bench waiting for ever.
    const hardStop = setTimeout(() => this.api.stop.abort(new Error('unfinished a minute after the end of the run')), (opts.seconds + 60) * 1_000);
    const rampMs = Math.min(30_000, (opts.seconds * 1_000) / 4);
    const people = this.county.accounts;
    const users = Array.from({ length: opts.users }, (_, i) => people[(i * 104_729) % people.length]!);
    const tasks: Promise<void>[] = [];
    users.forEach((person, i) => tasks.push(sleep((rampMs * i) / users.length).then(() => this.practitioner(person, until, rng(1_000 + i), opts.think, opts.listShare))));
    const meetingDocs = this.meetingChronologies(opts.meetings, opts.meetingSize);
    meetingDocs.forEach((c, i) => tasks.push(sleep((rampMs * i) / Math.max(1, meetingDocs.length)).then(() => this.meeting(c, opts.meetingSize, until, rng(50 + i)))));
    tasks.push(this.atIntervals(opts.importEverySeconds, until, rng(3), async (r, n) => {
      const lead = this.leadAt(n);
      const cookie = await this.signIn(lead);
      if (cookie) await this.importInto(cookie, [300, 1_000, 2_500][n % 3]!, r);
    }));
    tasks.push(this.atIntervals(opts.packEverySeconds, until, rng(4), async (_r, n) => {
      const pool = n % 2 === 0 ? this.county.chronologies.filter((c) => !c.big && c.entries >= 20) : this.county.chronologies.filter((c) => c.big);
      const c = pool[(n * 31) % pool.length]!;
      const lead = this.county.accounts.find((a) => a.email === c.leadEmail)!;
      const cookie = await this.signIn(lead);
      if (cookie) await this.pack(cookie, c, n % 3 === 2 ? 'csv' : 'pdf');
    }));
    await Promise.all(tasks);
    clearTimeout(hardStop);
    this.stopping = true;
    await this.docs.stop();
  }

  private leadAt(n: number): Person {
    const leads = this.county.accounts.filter((a) => a.role === 'lead');
    return leads[(n * 13) % leads.length]!;
  }

  private async atIntervals(seconds: number, until: number, r: Rng, task: (r: Rng, n: number) => Promise<void>): Promise<void> {
    if (seconds <= 0) return;
    await sleep(seconds * 500);
    for (let n = 0; Date.now() < until; n++) {
      const started = Date.now();
      await task(r, n);
      await sleep(Math.max(0, seconds * 1_000 - (Date.now() - started)));
    }
  }

  /** One practitioner: sign in, caseload, then chronology after chronology until the end. */
  private async practitioner(person: Person, until: number, r: Rng, think: number, listShare: number): Promise<void> {
    const mine = this.county.chronologies.filter((c) => c.memberAgencies.includes(person.agency));
    if (mine.length === 0) return;
    const big = mine.filter((c) => c.big);
    let cookie: string | undefined;
    while (Date.now() < until && !this.stopping) {
      if (!cookie || r() < 0.05) {
        if (cookie) await this.rec.time('sign out', () => this.api.json(cookie!, 'POST', '/api/auth/logout'));
        cookie = await this.signIn(person);
        if (!cookie) {
          await sleep(5_000);
          continue;
        }
        // The landing page: looked at for a few seconds before a chronology is chosen.
        if (r() < listShare) await this.lookAtCaseload(cookie, think * (1_000 + r() * 3_000), r);
      }
      const c = big.length > 0 && r() < 0.08 ? big[Math.floor(r() * big.length)]! : mine[Math.floor(r() * mine.length)]!;
      if (r() < 0.2) await this.search(cookie, c, think * (1_000 + r() * 2_000));
      await this.chronology(cookie, c);
      const client = await this.open(cookie, c);
      await this.entries(cookie, c);
      await this.reviews(cookie, c);
      // Now and then an API client asks for the server's evaluation (the page itself no longer does).
      if (r() < 0.1) await this.patterns(cookie, c);
      if (r() < 0.25) {
        if (client && r() < 0.5) this.writeWs(client, person, r);
        else await this.writeRest(cookie, person, c, r);
      }
      await sleep(think * (4_000 + r() * 12_000));
      if (client) this.close(client);
      await sleep(think * (1_000 + r() * 4_000));
    }
  }

  private meetingChronologies(count: number, size: number): SeededChronology[] {
    const byMembers = (c: SeededChronology) => this.county.accounts.filter((a) => c.memberAgencies.includes(a.agency)).length >= size;
    const big = this.county.chronologies.filter((c) => c.big && byMembers(c));
    const mid = this.county.chronologies.filter((c) => !c.big && c.entries >= 150 && byMembers(c));
    return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? big[i % big.length] : mid[i % mid.length]) ?? mid[i]!).filter(Boolean);
  }

  /** A conference: `size` people of the member agencies on one timeline, moving their focus, two writing. */
  private async meeting(c: SeededChronology, size: number, until: number, r: Rng): Promise<void> {
    const chair = this.county.accounts.find((a) => a.email === c.leadEmail)!;
    const others = this.county.accounts.filter((a) => a.id !== chair.id && c.memberAgencies.includes(a.agency));
    const people = [chair, ...Array.from({ length: size - 1 }, (_, i) => others[(i * 37 + Math.floor(r() * others.length)) % others.length]!)];
    const joined: Array<{ person: Person; client: DocHandle }> = [];
    for (const person of new Set(people)) {
      const cookie = await this.signIn(person);
      if (!cookie) continue;
      const client = await this.open(cookie, c, `open document (meeting), ${sizeClass(c)}`);
      if (client) joined.push({ person, client });
    }
    let tick = 0;
    while (Date.now() < until && !this.stopping) {
      await sleep(1_000);
      tick++;
      // Everyone moves their focus every few seconds (the stock client's awareness).
      for (const { client } of joined) if (r() < 0.3) this.docs.focus(client, { entry: Math.floor(r() * 1e6), at: Date.now() });
      if (tick % 10 === 0 && joined[0]) this.writeWs(joined[0].client, joined[0].person, r);
      if (tick % 25 === 0 && joined[1]) this.writeWs(joined[1].client, joined[1].person, r);
    }
    for (const { client } of joined) this.close(client);
  }
}
