/**
 * Alerts reach the right person (issue 15, item 5), through a real server and a real SMTP server on
 * loopback (smtp-server), every email parsed as received (mailparser). Proves who is told (the lead and
 * the member agencies' DSLs) and who never is (practitioners, people outside the chronology, anyone
 * about another agency's restricted entries), what an email may say (initials and a link, never a name,
 * a date of birth or entry text), the daily digest instead of immediate email, one alert for a burst,
 * and that an email the mail server refuses is kept and sent later.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, startTestServer, TEST_PASSWORD, type TestServer } from '../../testing.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './smtp-testing.js';

let server: TestServer;
let sink: SmtpSink;
const cookie: Record<string, string> = {};
const MEADOWBROOK_DSL = 'dsl@meadowbrook.example.org';
const MARK = `SECRET-${crypto.randomUUID().slice(0, 8)}`;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// A baby about two months old: an injury to them is a high-severity pattern (non-mobile-injury).
const DOB = iso(Date.now() - 60 * DAY);
const INJURY_DAY = iso(Date.now() - 20 * DAY);
let chronologyId = '';
let link = '';

const DA_ONLY = { episodes: { follow: false, frequency: 'immediate' }, entries: { categories: ['domestic-abuse-incident'], frequency: 'immediate' }, actions: { follow: false, frequency: 'immediate' } };

async function alertsOf(who: string, id = chronologyId): Promise<Array<{ kind: string; message: string; chronologyId: string }>> {
  const res = await server.api(cookie[who]!, 'GET', '/api/notifications');
  expect(res.status).toBe(200);
  return res.body.notifications.filter((n: { kind: string; chronologyId: string }) => n.kind.startsWith('alert-') && n.chronologyId === id);
}

async function entry(who: string, body: Record<string, unknown>, id = chronologyId): Promise<string> {
  const res = await server.api(cookie[who]!, 'POST', `/api/chronologies/${id}/entries`, { summary: `Summary ${MARK}`, detail: `Detail ${MARK}`, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.entry.id;
}

/** Nothing about the child beyond initials and the link: checked on the whole message, headers included. */
function expectOnlyInitialsAndLink(mail: ReceivedMail) {
  expect(mail.text).toContain('I.Q.');
  expect(mail.text).toContain(link);
  for (const forbidden of ['Imogen', 'Quartermaine', DOB, MARK, 'Domestic abuse', 'Thames Valley', 'injury', 'Injury']) {
    expect(mail.raw, `the email must not contain "${forbidden}"`).not.toContain(forbidden);
  }
  expect(mail.parsed.html).toBeFalsy();
}

beforeAll(async () => {
  sink = await startSmtpSink();
  // Writes are looked at when the test says (flush), except in the burst test, which waits for the debounce.
  server = await startTestServer({ alerts: { smtpUrl: sink.url, from: 'MAC alerts <alerts@mac.example.org>', digestHour: 7, debounceMs: 1500, sendEveryMs: 200, overdueEveryMs: 3_600_000 } });
  for (const [who, email] of Object.entries({ lead: DEMO.lead, dsl: DEMO.dsl, police: DEMO.police, hv: DEMO.hv, outsider: DEMO.outsider, meadowbrook: MEADOWBROOK_DSL })) {
    cookie[who] = await server.login(email, TEST_PASSWORD);
  }
  const created = await server.api(cookie.lead!, 'POST', '/api/chronologies', {
    child: { givenName: 'Imogen', familyName: 'Quartermaine', dateOfBirth: DOB },
    memberAgencies: ['thames-valley-police', 'northway-primary', 'oxford-health-hv'],
  });
  expect(created.status).toBe(201);
  chronologyId = created.body.id;
  link = `${server.origin}/chronologies/${chronologyId}`;
});

afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

describe('alert preferences', () => {
  it('seeding the demo data alerted nobody', async () => {
    await server.deps.alerts.flush();
    for (const who of ['lead', 'dsl']) {
      const notes = (await server.api(cookie[who]!, 'GET', '/api/notifications')).body.notifications as Array<{ kind: string }>;
      expect(notes.filter((n) => n.kind.startsWith('alert-'))).toEqual([]);
    }
  });

  it('are each person’s own: defaults until chosen, saved as sent, refused with every wrong field named', async () => {
    const first = await server.api(cookie.dsl!, 'GET', '/api/me/alert-preferences');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      preferences: { episodes: { follow: true, frequency: 'immediate' }, entries: { categories: [], frequency: 'immediate' }, actions: { follow: true, frequency: 'immediate' } },
      receivesAlerts: true,
      email: true,
      digestHour: 7,
    });
    expect((await server.api(cookie.hv!, 'GET', '/api/me/alert-preferences')).body.receivesAlerts).toBe(false);

    const badTypes = await server.api(cookie.dsl!, 'PUT', '/api/me/alert-preferences', { ...DA_ONLY, episodes: { follow: 'yes', frequency: 'weekly' } });
    expect(badTypes.status).toBe(422);
    expect(badTypes.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['episodes.follow', 'episodes.frequency']);
    const badCategory = await server.api(cookie.dsl!, 'PUT', '/api/me/alert-preferences', { ...DA_ONLY, entries: { categories: ['domestic-abuse-incident', 'toxic-trio'], frequency: 'immediate' } });
    expect(badCategory.status).toBe(422);
    expect(badCategory.body.error.fields).toEqual([{ field: 'entries.categories', message: expect.stringContaining('"toxic-trio"') }]);
    // Nothing changed.
    expect((await server.api(cookie.dsl!, 'GET', '/api/me/alert-preferences')).body.preferences).toEqual(first.body.preferences);

    // The lead: domestic abuse at once, and episodes at once. The DSL: both in the daily digest. Everyone
    // else who is never alerted (a practitioner, people outside the chronology) follows the same, in vain.
    const lead = { ...DA_ONLY, episodes: { follow: true, frequency: 'immediate' }, actions: { follow: true, frequency: 'immediate' } };
    const saved = await server.api(cookie.lead!, 'PUT', '/api/me/alert-preferences', lead);
    expect(saved.status).toBe(200);
    expect(saved.body.preferences).toEqual(lead);
    expect((await server.api(cookie.lead!, 'GET', '/api/me/alert-preferences')).body.preferences).toEqual(lead);
    const digest = { episodes: { follow: true, frequency: 'digest' }, entries: { categories: ['domestic-abuse-incident'], frequency: 'digest' }, actions: { follow: true, frequency: 'digest' } };
    expect((await server.api(cookie.dsl!, 'PUT', '/api/me/alert-preferences', digest)).status).toBe(200);
    for (const who of ['hv', 'outsider', 'meadowbrook', 'police']) {
      expect((await server.api(cookie[who]!, 'PUT', '/api/me/alert-preferences', { ...DA_ONLY, episodes: { follow: true, frequency: 'immediate' } })).status).toBe(200);
    }
  });
});

describe('another agency’s entry in a followed category', () => {
  it('tells the lead at once, in the app and by an email holding only initials and a link; the DSL in their digest; nobody else', async () => {
    await entry('police', { date: '2024-05-01', category: 'domestic-abuse-incident' });
    await server.deps.alerts.flush();

    const lead = await alertsOf('lead');
    expect(lead).toHaveLength(1);
    expect(lead[0]).toMatchObject({ kind: 'alert-entry' });
    expect(lead[0]!.message).toContain('Thames Valley Police recorded 1 new entry (Domestic abuse incident) in the chronology of I.Q.');
    expect(lead[0]!.message).not.toContain(MARK);
    expect(await alertsOf('dsl')).toHaveLength(1);
    // A practitioner is not alerted; a DSL and a practitioner outside the chronology never hear of it.
    for (const who of ['hv', 'police', 'outsider', 'meadowbrook']) expect(await alertsOf(who), who).toEqual([]);

    await vi.waitFor(() => expect(sink.to(DEMO.lead)).toHaveLength(1), { timeout: 15_000 });
    const mail = sink.to(DEMO.lead)[0]!;
    expect(mail.subject).toBe('MAC alert: a new entry from another agency (I.Q.)');
    expect(mail.text).toContain('Another agency recorded 1 entry in a category you follow in the chronology of I.Q.');
    expectOnlyInitialsAndLink(mail);
    expect(mail.parsed.from?.text).toContain('alerts@mac.example.org');

    // The DSL chose the digest: a send pass at the moment sends them nothing.
    await server.deps.alertSender!.sendDue();
    expect(sink.to(DEMO.dsl)).toEqual([]);
    for (const email of [DEMO.hv, DEMO.police, DEMO.outsider, MEADOWBROOK_DSL]) expect(sink.to(email)).toEqual([]);
  });

  it('says nothing for one’s own agency’s entry, an unfollowed category or another agency’s restricted entry', async () => {
    const leadBefore = (await alertsOf('lead')).length;
    const dslBefore = (await alertsOf('dsl')).length;
    await entry('lead', { date: '2024-05-02', category: 'domestic-abuse-incident' });
    await server.deps.alerts.flush();
    expect(await alertsOf('lead')).toHaveLength(leadBefore); // their own agency's
    expect(await alertsOf('dsl')).toHaveLength(dslBefore + 1); // another agency's, for the school's DSL

    await entry('police', { date: '2024-05-03', category: 'police-attendance' });
    await entry('police', { date: '2024-05-04', category: 'domestic-abuse-incident', restricted: true });
    await server.deps.alerts.flush();
    expect(await alertsOf('lead')).toHaveLength(leadBefore);
    expect(await alertsOf('dsl')).toHaveLength(dslBefore + 1);
    await server.deps.alertSender!.sendDue();
    expect(sink.to(DEMO.lead)).toHaveLength(1);
  });

  it('a burst of entries gives one alert, by itself once the writes pause', async () => {
    const entryAlerts = async () => (await alertsOf('lead')).filter((n) => n.kind === 'alert-entry');
    const entryMails = () => sink.to(DEMO.lead).filter((m) => m.subject.includes('new entry'));
    const before = (await entryAlerts()).length;
    await Promise.all(['2024-06-01', '2024-06-02', '2024-06-03'].map((date) => entry('police', { date, category: 'domestic-abuse-incident' })));
    await vi.waitFor(async () => expect(await entryAlerts()).toHaveLength(before + 1), { timeout: 20_000, interval: 250 });
    await server.deps.alerts.flush();
    const lead = await entryAlerts();
    expect(lead).toHaveLength(before + 1);
    expect(lead[0]!.message).toContain('3 new entries');
    await vi.waitFor(() => expect(entryMails()).toHaveLength(2), { timeout: 15_000 });
    expect(entryMails()[1]!.text).toContain('recorded 3 entries');
  });
});

describe('high-severity episodes', () => {
  it('tell the lead and the DSL when one opens and when it grows, once each; a practitioner and outsiders never', async () => {
    const episodes = async (who: string) => (await alertsOf(who)).filter((n) => n.kind === 'alert-episode');
    // (The domestic abuse incidents above may have made an episode of their own already.)
    const leadBefore = (await episodes('lead')).length;
    const dslBefore = (await episodes('dsl')).length;
    await entry('police', { date: INJURY_DAY, category: 'injury' });
    await server.deps.alerts.flush();
    const opened = await episodes('lead');
    expect(opened).toHaveLength(leadBefore + 1);
    expect(opened[0]!.message).toMatch(/high-severity pattern has started in the chronology of I\.Q\./);
    expect(await episodes('dsl')).toHaveLength(dslBefore + 1);
    for (const who of ['hv', 'police', 'outsider', 'meadowbrook']) expect(await alertsOf(who), who).toEqual([]);

    // A second injury the same day joins it: the episode grew.
    await entry('hv', { date: INJURY_DAY, category: 'injury' });
    await server.deps.alerts.flush();
    const grown = await episodes('lead');
    expect(grown).toHaveLength(leadBefore + 2);
    expect(grown[0]!.message).toMatch(/has grown \(1 more entry\)/);

    // Something that changes no high-severity episode says nothing more.
    await entry('hv', { date: '2024-01-05', category: 'other' });
    await server.deps.alerts.flush();
    expect((await episodes('lead')).map((n) => n.message)).toHaveLength(leadBefore + 2);
    expect((await episodes('dsl')).map((n) => n.message)).toHaveLength(dslBefore + 2);

    // One email for each episode alert of the lead's (immediate), no more.
    const told = (await episodes('lead')).length;
    await vi.waitFor(() => expect(sink.to(DEMO.lead).filter((m) => m.subject.includes('high-severity'))).toHaveLength(told), { timeout: 15_000 });
    for (const mail of sink.to(DEMO.lead)) expectOnlyInitialsAndLink(mail);
  });

  it('a pattern only another agency’s restricted entries make alerts nobody outside that agency', async () => {
    const other = await server.api(cookie.lead!, 'POST', '/api/chronologies', { child: { givenName: 'Imogen', familyName: 'Quartermaine', dateOfBirth: DOB }, memberAgencies: ['thames-valley-police', 'northway-primary'] });
    const otherId = other.body.id as string;
    await entry('police', { date: INJURY_DAY, category: 'injury', restricted: true }, otherId);
    await server.deps.alerts.flush();
    expect(await alertsOf('lead', otherId)).toEqual([]);
    expect(await alertsOf('dsl', otherId)).toEqual([]);
    expect(await alertsOf('police', otherId)).toEqual([]);
    // Once shared, the same pattern opens for them.
    await entry('police', { date: INJURY_DAY, category: 'injury' }, otherId);
    await server.deps.alerts.flush();
    expect((await alertsOf('lead', otherId)).map((n) => n.kind)).toEqual(['alert-episode']);
  });

  it('two DSLs of one agency are told alike, and each has the sibling reads it took audited under their own name', async () => {
    // Worked out once for both (shared-episodes.ts): the second must still have its own audit records.
    const second = await server.deps.repos.users.create({ email: `dsl-2-${crypto.randomUUID()}@northway.example.org`, name: 'Second DSL', role: 'dsl', agency: 'northway-primary', passwordHash: null });
    const dslId = (await server.api(cookie.dsl!, 'GET', '/api/me')).body.id as string;
    const leadId = (await server.api(cookie.lead!, 'GET', '/api/me')).body.id as string;
    const create = async (givenName: string, memberAgencies: string[]) =>
      (await server.api(cookie.lead!, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Quartermaine', dateOfBirth: DOB }, memberAgencies })).body.id as string;
    const child = await create('Iris', ['thames-valley-police', 'northway-primary']);
    const sibling = await create('Ivo', ['northway-primary']);
    expect((await server.api(cookie.lead!, 'POST', '/api/households', { chronologyIds: [child, sibling], name: 'Quartermaine household' })).status).toBe(201);
    const plan = await entry('lead', { date: '2024-02-10', category: 'child-protection-plan-start' }, sibling);
    await entry('police', { date: INJURY_DAY, category: 'injury' }, child);
    await server.deps.alerts.flush();

    const told = async (userId: string) => (await server.deps.repos.notifications.listForUser(userId)).filter((n) => n.chronologyId === child).map((n) => n.kind);
    expect(await told(dslId)).toEqual(['alert-episode']);
    expect(await told(second.id)).toEqual(['alert-episode']);
    expect(await told(leadId)).toEqual(['alert-episode']);
    const siblingReads = (await server.deps.repos.audit.list({ chronologyId: sibling, action: 'chronology:patterns' })).filter((r) => r.details.via === 'sibling' && r.details.for === child);
    for (const who of [dslId, second.id, leadId]) {
      expect(siblingReads.filter((r) => r.actorId === who).map((r) => r.details.entryIds), who).toContainEqual([plan]);
    }
  });
});

describe('overdue actions', () => {
  it('tell the lead and the DSL once per action becoming overdue, never a practitioner or an outsider; the email names no action', async () => {
    const overdueAlerts = async (who: string) => (await alertsOf(who)).filter((n) => n.kind === 'alert-action-overdue');
    const policeId = (await server.api(cookie.police!, 'GET', '/api/me')).body.id as string;
    const raise = async (title: string, dueDate: string) => {
      const res = await server.api(cookie.lead!, 'POST', `/api/chronologies/${chronologyId}/actions`, { title, ownerAgency: 'thames-valley-police', ownerUserId: policeId, dueDate, source: 'analysis' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.action.id as string;
    };
    const late = await raise(`Share the MARAC minutes ${MARK}`, iso(Date.now() - 3 * DAY));
    await raise(`Home visit ${MARK}`, iso(Date.now() + 30 * DAY));
    const leadMails = () => sink.to(DEMO.lead).filter((m) => m.subject.includes('overdue action')).length;

    await server.deps.alerts.checkOverdue();
    const lead = await overdueAlerts('lead');
    expect(lead).toHaveLength(1);
    expect(lead[0]!.message).toContain('1 action is overdue in the chronology of I.Q.');
    expect(lead[0]!.message).toContain('Share the MARAC minutes');
    expect(await overdueAlerts('dsl')).toHaveLength(1);
    for (const who of ['hv', 'police', 'outsider', 'meadowbrook']) expect(await alertsOf(who), who).toEqual([]);
    await vi.waitFor(() => expect(leadMails()).toBe(1), { timeout: 15_000 });
    const mail = sink.to(DEMO.lead).find((m) => m.subject.includes('overdue action'))!;
    expect(mail.subject).toBe('MAC alert: an overdue action (I.Q.)');
    expectOnlyInitialsAndLink(mail);
    expect(mail.raw).not.toContain('MARAC');

    // Checked again (the next hour): nothing new.
    await server.deps.alerts.checkOverdue();
    expect(await overdueAlerts('lead')).toHaveLength(1);

    // Done, it is no longer overdue; the other one becomes overdue when its day passes: told of that one only.
    expect((await server.api(cookie.police!, 'PATCH', `/api/chronologies/${chronologyId}/actions/${late}`, { status: 'done', outcome: 'Minutes shared with the school' })).status).toBe(200);
    await server.deps.alerts.checkOverdue(iso(Date.now() + 40 * DAY));
    const later = await overdueAlerts('lead');
    expect(later).toHaveLength(2);
    expect(later[0]!.message).toContain('1 action is overdue');
    expect(later[0]!.message).toContain('Home visit');
    expect(later[0]!.message).not.toContain('MARAC');
    await server.deps.alerts.checkOverdue(iso(Date.now() + 41 * DAY));
    expect(await overdueAlerts('lead')).toHaveLength(2);
    expect(await overdueAlerts('dsl')).toHaveLength(2);
    await vi.waitFor(() => expect(leadMails()).toBe(2), { timeout: 15_000 });
  });
});

describe('the daily digest', () => {
  it('sends the DSL one email at the digest hour listing every pending alert (initials and links only), then nothing more', async () => {
    expect(sink.to(DEMO.dsl)).toEqual([]);
    const pending = (await server.deps.repos.alerts.emailsFor((await server.api(cookie.dsl!, 'GET', '/api/me')).body.id)).filter((r) => r.sentAt === null);
    expect(pending.length).toBeGreaterThanOrEqual(4);
    const due = new Date(pending[pending.length - 1]!.dueAt);
    expect(due.getUTCHours()).toBe(7);
    // The digest hour comes (the sender is given that instant: the clock of the test, not a mock).
    await server.deps.alertSender!.sendDue(new Date(due.getTime() + 60_000));
    const digests = sink.to(DEMO.dsl);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe(`MAC: your daily alerts (${pending.length})`);
    expect(digests[0]!.text.match(/^- /gm)).toHaveLength(pending.length);
    expectOnlyInitialsAndLink(digests[0]!);
    await server.deps.alertSender!.sendDue(new Date(due.getTime() + 120_000));
    expect(sink.to(DEMO.dsl)).toHaveLength(1);
  });
});

describe('the outbox', () => {
  it('keeps an email the mail server refuses and sends it on a later try', async () => {
    const before = sink.to(DEMO.lead).length;
    sink.refuse = true;
    await entry('police', { date: '2024-07-01', category: 'domestic-abuse-incident' });
    await server.deps.alerts.flush();
    await server.deps.alertSender!.sendDue();
    const leadId = (await server.api(cookie.lead!, 'GET', '/api/me')).body.id as string;
    // The entry alert (and an episode alert, if the incidents grew one): kept, each tried and refused.
    const waiting = (await server.deps.repos.alerts.emailsFor(leadId)).filter((r) => r.sentAt === null);
    expect(waiting.map((r) => r.line.kind)).toContain('entry');
    for (const row of waiting) {
      expect(row.attempts).toBeGreaterThanOrEqual(1);
      expect(row.lastError).toMatch(/451|mailbox unavailable/);
      expect(new Date(row.nextAttemptAt).getTime()).toBeGreaterThan(Date.now());
    }
    expect(sink.to(DEMO.lead)).toHaveLength(before);

    sink.refuse = false;
    await server.deps.alertSender!.sendDue(new Date(Date.now() + 3_600_000));
    expect(sink.to(DEMO.lead)).toHaveLength(before + waiting.length);
    expect((await server.deps.repos.alerts.emailsFor(leadId)).filter((r) => r.sentAt === null)).toEqual([]);
  });
});

describe('a disabled account', () => {
  it('is sent nothing more, not even an email queued before it was disabled, and is alerted no more', async () => {
    const admin = await server.login(DEMO.admin, TEST_PASSWORD);
    const leadId = (await server.api(cookie.lead!, 'GET', '/api/me')).body.id as string;
    const dslId = (await server.api(cookie.dsl!, 'GET', '/api/me')).body.id as string;
    const before = sink.to(DEMO.lead).length;
    // An alert for the lead waits in the outbox (the mail server refusing) when the lead leaves.
    sink.refuse = true;
    await entry('police', { date: '2024-08-01', category: 'domestic-abuse-incident' });
    await server.deps.alerts.flush();
    await server.deps.alertSender!.sendDue();
    const dslAlerts = async () => (await server.deps.repos.notifications.listForUser(dslId)).filter((n) => n.kind.startsWith('alert-') && n.chronologyId === chronologyId).length;
    const dslBefore = await dslAlerts();
    expect((await server.api(admin, 'POST', `/api/admin/users/${leadId}/disable`)).status).toBe(204);
    expect((await server.api(admin, 'POST', `/api/admin/users/${dslId}/disable`)).status).toBe(204);
    sink.refuse = false;
    await server.deps.alertSender!.sendDue(new Date(Date.now() + 3_600_000));
    expect(sink.to(DEMO.lead)).toHaveLength(before);
    const kept = (await server.deps.repos.alerts.emailsFor(leadId)).filter((r) => r.sentAt === null);
    expect(kept.length).toBeGreaterThan(0);
    for (const row of kept) expect(row.lastError).toBe('not sent: the account is disabled');

    // Disabled, the DSL is no longer among those alerted.
    await entry('police', { date: '2024-08-02', category: 'domestic-abuse-incident' });
    await server.deps.alerts.flush();
    expect(await dslAlerts()).toBe(dslBefore);
  });
});
