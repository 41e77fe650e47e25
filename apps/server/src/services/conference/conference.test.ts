/**
 * Conference preparation end to end, over a real server: the lead's sharing override, the pack preview,
 * the professional and family packs (PDF and CSV), snapshots and "what changed since". The family pack is
 * checked at the byte level: every withheld entry carries distinctive markers in each of its fields, and
 * none may appear in the file's bytes, its inflated streams, its text, its metadata or its fonts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPreviewSchema, type Principal } from '@mac/domain';
import { DEMO, startTestServer, type TestServer } from '../../testing.js';
import { sharedDocName } from '@mac/sync';
import { producePack } from './packs.js';
import { readSharedRecord, versionOf } from './shared-record.js';
import { bytesContain, drawnText, mappedCodePoints, pdfAttachments, pdfBytesAndStreams, pdfInfo, pdfText, squash } from './pdf-inspect.js';

let server: TestServer;
let lead: string, police: string, hv: string, dsl: string, outsider: string;
let leadPrincipal: Principal;
let chronologyId: string;
const ids: Record<string, string> = {};

/** A character only withheld entries use: if a font in the family pack can draw it, something leaked. */
const TELLTALE = 'ŧ';

// Every field of every entry the family must not see carries its own marker.
const WITHHELD_MARKERS = [
  'PROONLY-SUMMARY-X9',
  'PROONLY-DETAIL-X9',
  'PROONLY-IMPACT-X9',
  'PROONLY-ACTION-X9',
  'PROONLY-SRC-X9',
  'PROONLY-RECBY-X9',
  'PROONLY-REASON-X9',
  'PROONLY-VOICE-X9',
  'RESTRICTED-SUMMARY-K2',
  'RESTRICTED-VOICE-K2',
  'RESTRICTED-DETAIL-K2',
  'RESTRICTED-SRC-K2',
  'WITHDRAWN-SUMMARY-M4',
  'WITHDRAWN-DETAIL-M4',
  'WITHDRAWN-SRC-M4',
  'WITHDRAWN-REASON-M4',
  'LEADTIGHT-SUMMARY-P3',
  'LEADTIGHT-DETAIL-P3',
  'LEADTIGHT-SRC-P3',
  'LEADTIGHT-REASON-P3',
  'LEADRESTRICTED-SUMMARY-Z8',
  'LEADRESTRICTED-DETAIL-Z8',
  'LEADRESTRICTED-VOICE-Z8',
  // Nobody has decided whether the family may see it: the family version withholds it.
  'UNDECIDED-SUMMARY-U6',
  'UNDECIDED-DETAIL-U6',
  'UNDECIDED-IMPACT-U6',
  'UNDECIDED-ACTION-U6',
  'UNDECIDED-SRC-U6',
  'UNDECIDED-RECBY-U6',
  'UNDECIDED-VOICE-U6',
];
// Third-party identifiers on entries the family DOES see, review notes and staff names.
const IDENTIFIER_MARKERS = ['SRCREF-SHARED-7Q', 'RECBY-SHARED-7Q', 'REVIEWNOTE-R5', 'Priya Shah', 'Helen Okoro'];
const FAMILY_FORBIDDEN = [...WITHHELD_MARKERS, ...IDENTIFIER_MARKERS];

const CONFERENCE = { conferenceDate: '2024-06-12' };

async function download(cookie: string, body: unknown, id = chronologyId): Promise<{ status: number; headers: Headers; bytes: Buffer; json: any }> {
  const res = await fetch(`${server.origin}/api/chronologies/${id}/packs`, {
    method: 'POST',
    headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: unknown = null;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    // a file
  }
  return { status: res.status, headers: res.headers, bytes, json };
}

async function add(cookie: string, key: string, entry: Record<string, unknown>) {
  const res = await server.api(cookie, 'POST', `/api/chronologies/${chronologyId}/entries`, entry);
  if (res.status !== 201) throw new Error(`${key}: ${JSON.stringify(res.body)}`);
  ids[key] = res.body.entry.id;
}

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  police = await server.login(DEMO.police);
  hv = await server.login(DEMO.hv);
  dsl = await server.login(DEMO.dsl);
  outsider = await server.login(DEMO.outsider);
  const me = (await server.api(lead, 'GET', '/api/me')).body;
  leadPrincipal = { id: me.id, kind: 'user', role: 'lead', agency: me.agency.slug, name: me.name };
  const created = await server.api(lead, 'POST', '/api/chronologies', {
    child: { givenName: 'Kit', familyName: 'Marlowe', dateOfBirth: '2021-05-10' },
    memberAgencies: ['thames-valley-police', 'oxford-health-hv', 'northway-primary'],
  });
  chronologyId = created.body.id;

  const family = { sharing: 'family' } as const;
  await add(police, 'da1', {
    date: '2024-01-05',
    category: 'domestic-abuse-incident',
    summary: 'SHARED-DA-1 police attended a verbal argument',
    sourceRef: 'SRCREF-SHARED-7Q',
    recordedBy: 'RECBY-SHARED-7Q',
    childsVoice: 'SHARED-VOICE-V1 I went to my room',
    seenAlone: 'yes',
    ...family,
  });
  await add(police, 'da2', { date: '2024-02-10', category: 'domestic-abuse-incident', summary: '=SUM(1+1) SHARED-DA-2 second incident', ...family });
  await add(police, 'da3', { date: '2024-03-15', category: 'domestic-abuse-incident', summary: 'SHARED-DA-3 third incident – “raised voices”', ...family });
  // Says nothing about sharing, so it is undecided: in the professional pack, never in the family's.
  await add(police, 'undecided', {
    date: '2024-03-20',
    category: 'other',
    summary: `UNDECIDED-SUMMARY-U6 ${TELLTALE}`,
    detail: `UNDECIDED-DETAIL-U6 ${TELLTALE}`,
    impactOnChild: 'UNDECIDED-IMPACT-U6',
    actionTaken: 'UNDECIDED-ACTION-U6',
    sourceRef: 'UNDECIDED-SRC-U6',
    recordedBy: 'UNDECIDED-RECBY-U6',
    childsVoice: 'UNDECIDED-VOICE-U6',
    seenAlone: 'no',
  });
  await add(police, 'proOnly', {
    date: '2024-02-20',
    category: 'other',
    summary: `PROONLY-SUMMARY-X9 ${TELLTALE}`,
    detail: `PROONLY-DETAIL-X9 ${TELLTALE}`,
    impactOnChild: 'PROONLY-IMPACT-X9',
    actionTaken: 'PROONLY-ACTION-X9',
    sourceRef: 'PROONLY-SRC-X9',
    recordedBy: 'PROONLY-RECBY-X9',
    sharing: 'professionals',
    sharingReason: 'PROONLY-REASON-X9',
    childsVoice: 'PROONLY-VOICE-X9',
  });
  await add(police, 'restricted', { date: '2024-02-21', category: 'other', summary: `RESTRICTED-SUMMARY-K2 ${TELLTALE}`, detail: 'RESTRICTED-DETAIL-K2', sourceRef: 'RESTRICTED-SRC-K2', childsVoice: 'RESTRICTED-VOICE-K2', seenAlone: 'yes', restricted: true });
  await add(hv, 'withdrawn', { date: '2024-02-22', category: 'other', summary: `WITHDRAWN-SUMMARY-M4 ${TELLTALE}`, detail: 'WITHDRAWN-DETAIL-M4', sourceRef: 'WITHDRAWN-SRC-M4' });
  expect((await server.api(hv, 'POST', `/api/chronologies/${chronologyId}/entries/${ids.withdrawn}/withdraw`, { reason: 'WITHDRAWN-REASON-M4' })).status).toBe(200);
  await add(hv, 'nb1', { date: '2024-04-01', category: 'missed-health-appointment', summary: 'SHARED-NB-1 not brought to the 2-year review', ...family });
  await add(hv, 'nb2', { date: '2024-05-01', category: 'missed-health-appointment', summary: `LEADTIGHT-SUMMARY-P3 ${TELLTALE}`, detail: 'LEADTIGHT-DETAIL-P3', sourceRef: 'LEADTIGHT-SRC-P3', ...family });
  await add(lead, 'leadRestricted', { date: '2024-03-01', category: 'other', summary: `LEADRESTRICTED-SUMMARY-Z8 ${TELLTALE}`, detail: 'LEADRESTRICTED-DETAIL-Z8', childsVoice: 'LEADRESTRICTED-VOICE-Z8', restricted: true });
});
afterAll(async () => {
  await server?.stop();
});

const sharing = (cookie: string, entryId: string, body: unknown) => server.api(cookie, 'POST', `/api/chronologies/${chronologyId}/entries/${entryId}/sharing`, body);
const preview = (cookie: string, body: Record<string, unknown>) => server.api(cookie, 'POST', `/api/chronologies/${chronologyId}/packs/preview`, { ...CONFERENCE, ...body });

describe('the lead tightens sharing', () => {
  it('refuses anyone but the lead, and refuses loosening even from the lead', async () => {
    expect((await sharing(police, ids.nb2!, { sharing: 'professionals', reason: 'x' })).status).toBe(403);
    expect((await sharing(hv, ids.nb2!, { sharing: 'professionals', reason: 'own entry: use PATCH' })).status).toBe(403);
    expect((await sharing(dsl, ids.nb2!, { sharing: 'professionals', reason: 'x' })).status).toBe(403);
    expect((await sharing(lead, ids.proOnly!, { sharing: 'family', reason: 'loosen' })).status).toBe(403);
    expect((await sharing(outsider, ids.nb2!, { sharing: 'professionals', reason: 'x' })).status).toBe(404);
    // Another agency's restricted entry does not exist for the lead.
    expect((await sharing(lead, ids.restricted!, { sharing: 'professionals', reason: 'x' })).status).toBe(404);
    expect((await sharing(lead, ids.nb2!, { sharing: 'professionals', reason: '   ' })).status).toBe(422);
    expect((await sharing(lead, ids.withdrawn!, { sharing: 'professionals', reason: 'x' })).status).toBe(409);
  });

  it("makes another agency's entry professionals-only, written for that agency but audited as the lead", async () => {
    const res = await sharing(lead, ids.nb2!, { sharing: 'professionals', reason: 'LEADTIGHT-REASON-P3' });
    expect(res.status).toBe(200);
    expect(res.body.entry).toMatchObject({ id: ids.nb2, agency: 'oxford-health-hv', sharing: 'professionals', sharingReason: 'LEADTIGHT-REASON-P3' });
    const stored = await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries/${ids.nb2}`);
    expect(stored.body.entry).toMatchObject({ sharing: 'professionals', sharingReason: 'LEADTIGHT-REASON-P3' });
    const history = (await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries/${ids.nb2}/history`)).body.history;
    expect(history.at(-1)).toMatchObject({ action: 'entry.amend', actor: { id: leadPrincipal.id, name: 'Priya Shah' }, changes: { sharing: { from: 'family', to: 'professionals' } } });
  });

  it("is idempotent and keeps the author's own reason on an entry already professionals-only", async () => {
    const res = await sharing(lead, ids.proOnly!, { sharing: 'professionals', reason: 'another reason' });
    expect(res.status).toBe(200);
    expect(res.body.entry.sharingReason).toBe('PROONLY-REASON-X9');
  });
});

describe('pack preview', () => {
  it('shows the family exactly the rows and highlights to be shared, and only counts what is withheld', async () => {
    const res = await preview(lead, { kind: 'family' });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { entryId: string }) => r.entryId)).toEqual([ids.da1, ids.da2, ids.da3, ids.nb1]);
    // The lead's own restricted entry is counted; police's restricted entry is invisible to the lead, so not even counted.
    expect(res.body.withheld).toEqual({ 'professionals-only': 2, undecided: 1, restricted: 1, withdrawn: 1 });
    expect(res.body.withheldSummary).toBe('2 professionals-only, 1 undecided, 1 restricted, 1 withdrawn');
    // Exactly the shape the browser reads (@mac/domain): the schema is strict, so a stray field fails.
    expect(packPreviewSchema.parse(res.body)).toEqual(res.body);
    for (const row of res.body.rows) expect(row).not.toHaveProperty('source');
    const text = JSON.stringify(res.body);
    for (const marker of FAMILY_FORBIDDEN) expect(text, marker).not.toContain(marker);
    const rules = res.body.highlights.map((h: { explanation: string; entryIds: string[] }) => h.entryIds);
    // Not brought twice, but one of the two is professionals-only: the highlight stays out.
    expect(rules.some((entryIds: string[]) => entryIds.includes(ids.nb1!))).toBe(false);
    expect(res.body.highlightsLeftOut.entriesNotInPack).toBeGreaterThanOrEqual(1);
  });

  it('the professional preview includes professionals-only and undecided entries, marked, but never restricted or withdrawn ones', async () => {
    const res = await preview(police, { kind: 'professional' });
    expect(res.status).toBe(200);
    const rows = res.body.rows as { entryId: string; professionalsOnly?: { reason: string } }[];
    expect(rows.map((r) => r.entryId)).toEqual([ids.da1, ids.da2, ids.proOnly, ids.da3, ids.undecided, ids.nb1, ids.nb2]);
    expect(rows.find((r) => r.entryId === ids.proOnly)!.professionalsOnly).toEqual({ reason: 'PROONLY-REASON-X9' });
    expect(packPreviewSchema.parse(res.body)).toEqual(res.body);
    expect(res.body.withheld).toEqual({ 'professionals-only': 0, undecided: 0, restricted: 1, withdrawn: 1 });
  });

  it('applies the date range and agencies, reporting what was not selected', async () => {
    const res = await preview(dsl, { kind: 'family', from: '2024-02', to: '2024-04-30', agencies: ['thames-valley-police'] });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { entryId: string }) => r.entryId)).toEqual([ids.da2, ids.da3]);
    expect(res.body.options).toEqual({ from: '2024-02-01', to: '2024-04-30', agencies: ['thames-valley-police'] });
    expect(res.body.notSelected).toEqual({ outsideDates: 2, agencyNotIncluded: 2 });
  });

  it('only the lead or a DSL may prepare the family version', async () => {
    expect((await preview(police, { kind: 'family' })).status).toBe(403);
    expect((await preview(outsider, { kind: 'family' })).status).toBe(404);
  });

  it('reports every invalid option at once', async () => {
    const res = await preview(lead, { kind: 'family', conferenceDate: '2024-02-30', from: '2024-05-01', to: '2024-01-01', agencies: ['no-such-agency'] });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['conferenceDate', 'to', 'agencies.0']);
  });
});

describe('the family pack', () => {
  let familyPdf: Buffer;
  let professionalPdf: Buffer;
  let reviewedHighlightId: string;

  beforeAll(async () => {
    // A DSL reviews the repeated domestic abuse highlight with a note that names someone.
    const patterns = (await server.api(dsl, 'GET', `/api/chronologies/${chronologyId}/patterns`)).body.highlights as { id: string; entryIds: string[] }[];
    reviewedHighlightId = patterns.find((h) => [ids.da1, ids.da2, ids.da3].every((id) => h.entryIds.includes(id!)) && h.entryIds.length === 3)!.id;
    expect((await server.api(dsl, 'POST', `/api/chronologies/${chronologyId}/patterns/${encodeURIComponent(reviewedHighlightId)}/review`, { status: 'reviewed', note: 'REVIEWNOTE-R5 spoke to Ms Example' })).status).toBe(200);
    const family = await download(lead, { kind: 'family', format: 'pdf', ...CONFERENCE });
    expect(family.status).toBe(200);
    familyPdf = family.bytes;
    const professional = await download(lead, { kind: 'professional', format: 'pdf', ...CONFERENCE });
    expect(professional.status).toBe(200);
    professionalPdf = professional.bytes;
  });

  it('is a PDF attachment without the child’s name in the file name', async () => {
    const res = await download(dsl, { kind: 'family', format: 'pdf', ...CONFERENCE });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="conference-pack-family-2024-06-12.pdf"');
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('holds nothing withheld anywhere in its bytes or inflated streams', () => {
    const haystack = pdfBytesAndStreams(familyPdf);
    // The search finds what is there: the child's name is in the (UTF-16) title.
    expect(bytesContain(haystack, 'Kit Marlowe')).toBe(true);
    for (const marker of FAMILY_FORBIDDEN) expect(bytesContain(haystack, marker), marker).toBe(false);
    expect(haystack).not.toMatch(/\/EmbeddedFiles|\/FileAttachment|\/JavaScript|\/URI|\/Annots/);
  });

  it('holds nothing withheld in its text, and holds what is shared', () => {
    const text = pdfText(familyPdf);
    // Whitespace and hyphens squeezed out, in reading and in drawing order: a marker wrapped in a narrow cell is still one.
    const squeezed = [squash(text), squash(pdfText(familyPdf, undefined, { raw: true }))];
    for (const marker of FAMILY_FORBIDDEN) for (const t of squeezed) expect(t, marker).not.toContain(squash(marker));
    for (const shared of ['SHARED-DA-1', 'SHARED-DA-2', 'SHARED-DA-3 third incident – “raised voices”', 'SHARED-NB-1', 'Kit Marlowe', 'OFFICIAL-SENSITIVE', 'Family version']) expect(text).toContain(shared);
    expect(text).toContain("Oxfordshire Children's Social Care");
    // The child's words on an entry shared with the family are theirs too; whether the child was seen alone,
    // and the professional summary of who last heard from the child, are not.
    expect(squash(text)).toContain(squash('In the child’s words: SHARED-VOICE-V1 I went to my room'));
    expect(text).not.toMatch(/PROFESSIONALS ONLY|Recorded by|Reviewed by|Seen alone|Last heard from/);
  });

  it('keeps a highlight whose entries are all shared, without its review note', () => {
    const text = pdfText(familyPdf, 2);
    expect(text).toContain('Repeated concern of one kind');
    expect(text).not.toContain('Not brought');
  });

  it('cannot even draw a character that only withheld entries use', () => {
    expect(mappedCodePoints(pdfBytesAndStreams(familyPdf)).has(TELLTALE.codePointAt(0)!)).toBe(false);
    // …which the professional pack, holding a professionals-only entry with it, can.
    expect(mappedCodePoints(pdfBytesAndStreams(professionalPdf)).has(TELLTALE.codePointAt(0)!)).toBe(true);
  });

  it('has neutral metadata and no attachments', () => {
    const info = pdfInfo(familyPdf);
    expect(info).toMatchObject({ Title: 'Chronology – Kit Marlowe – family version', Author: 'MAC', Creator: 'MAC', Producer: 'MAC' });
    expect(info.Keywords).toBeUndefined();
    for (const marker of FAMILY_FORBIDDEN) expect(JSON.stringify(info), marker).not.toContain(marker);
    expect(pdfAttachments(familyPdf)).toMatch(/^0 embedded files/);
  });

  it('with Helvetica (text written as WinAnsi hex) the content streams hold the shared text and nothing withheld', async () => {
    const pack = await producePack(server.deps, leadPrincipal, chronologyId, { kind: 'family', format: 'pdf', ...CONFERENCE }, null, { fontDir: null });
    const haystack = pdfBytesAndStreams(Buffer.from(pack.body as Uint8Array));
    expect(haystack).toContain('/BaseFont /Helvetica');
    const drawn = squash(drawnText(haystack));
    expect(drawn).toContain(squash('SHARED-DA-3 third incident'));
    for (const marker of FAMILY_FORBIDDEN) {
      expect(bytesContain(haystack, marker), marker).toBe(false);
      expect(drawn, marker).not.toContain(squash(marker));
    }
  });

  it('previews a reviewed highlight in the shape the browser reads: the review with its note for professionals, nothing of it for the family', async () => {
    const professional = (await preview(lead, { kind: 'professional' })).body;
    expect(packPreviewSchema.parse(professional)).toEqual(professional);
    const reviewed = professional.highlights.find((h: { id: string }) => h.id === reviewedHighlightId);
    expect(reviewed.review).toMatchObject({ status: 'reviewed', note: 'REVIEWNOTE-R5 spoke to Ms Example' });
    const family = (await preview(lead, { kind: 'family' })).body;
    expect(packPreviewSchema.parse(family)).toEqual(family);
    const inFamily = family.highlights.find((h: { id: string }) => h.id === reviewedHighlightId);
    expect(inFamily).toBeDefined();
    expect(inFamily).not.toHaveProperty('review');
  });

  it('the professional pack shows what professionals share: marked professionals-only entries, sources, reviews', () => {
    const text = squash(pdfText(professionalPdf, undefined, { raw: true }));
    for (const shown of ['PROONLY-SUMMARY-X9', 'PROFESSIONALS ONLY – PROONLY-REASON-X9', 'SRCREF-SHARED-7Q', 'Recorded by RECBY-SHARED-7Q', 'REVIEWNOTE-R5', 'Priya Shah']) expect(text).toContain(squash(shown));
    // Restricted entries stay with their agency even in the lead's own pack; withdrawn ones are out.
    for (const hidden of ['RESTRICTED-SUMMARY-K2', 'LEADRESTRICTED-SUMMARY-Z8', 'WITHDRAWN-SUMMARY-M4']) expect(text).not.toContain(squash(hidden));
  });

  it("the professional pack carries the child's voice: their words, seen alone, and when each agency last heard from them", () => {
    const text = squash(pdfText(professionalPdf, undefined, { raw: true }));
    for (const shown of ['In the child’s words: SHARED-VOICE-V1', 'Seen alone: Yes', 'PROONLY-VOICE-X9', 'UNDECIDED-VOICE-U6', 'Seen alone: No', 'The child’s voice']) expect(text).toContain(squash(shown));
    // Police last recorded the child's words on 20 Mar 2024 (the undecided entry), 84 days before the conference.
    expect(text).toContain(squash('20 Mar 2024 (84 days before the conference)'));
    // Restricted entries' words never leave their agency, not even in the lead's professional pack.
    for (const hidden of ['RESTRICTED-VOICE-K2', 'LEADRESTRICTED-VOICE-Z8']) expect(text).not.toContain(squash(hidden));
  });

  it("the professional preview's voice summary counts only the pack's rows; the family preview has none", async () => {
    const professional = (await preview(police, { kind: 'professional' })).body;
    expect(packPreviewSchema.parse(professional)).toEqual(professional);
    const policeVoice = professional.childsVoice.agencies.find((a: { agency: string }) => a.agency === 'thames-valley-police');
    expect(policeVoice.lastHeardFrom).toMatchObject({ entryId: ids.undecided, daysSince: 84, approximate: false });
    // The restricted entry (21 Feb, seen alone) is police's own, but not in the pack: last seen alone is da1.
    expect(policeVoice.lastSeenAlone).toMatchObject({ entryId: ids.da1, date: '2024-01-05' });
    expect(professional.rows.find((r: { entryId: string }) => r.entryId === ids.da1)).toMatchObject({ childsVoice: 'SHARED-VOICE-V1 I went to my room', seenAlone: 'yes' });
    const family = (await preview(lead, { kind: 'family' })).body;
    expect(family).not.toHaveProperty('childsVoice');
    const da1 = family.rows.find((r: { entryId: string }) => r.entryId === ids.da1);
    expect(da1).toMatchObject({ childsVoice: 'SHARED-VOICE-V1 I went to my room' });
    expect(da1).not.toHaveProperty('seenAlone');
  });
});

describe('the CSV pack', () => {
  it('family: the exchange format with source_ref and recorded_by emptied, formula-neutralised, nothing withheld', async () => {
    const res = await download(dsl, { kind: 'family', format: 'csv', ...CONFERENCE });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = res.bytes.toString('utf8');
    const [header, ...lines] = csv.trim().split('\r\n');
    expect(header).toBe('date,time,agency,category,summary,detail,impact_on_child,childs_voice,seen_alone,action_taken,source_ref,recorded_by,entry_id,recorded_at,status,agency_name,category_label');
    expect(lines).toHaveLength(4);
    expect(csv).toContain("'=SUM(1+1) SHARED-DA-2");
    for (const marker of FAMILY_FORBIDDEN) expect(csv, marker).not.toContain(marker);
    expect(csv).not.toContain(TELLTALE);
    const first = lines[0]!.split(',');
    // seen_alone, source_ref and recorded_by: professional detail, empty in the family version.
    expect([first[8], ...first.slice(10, 12)]).toEqual(['', '', '']);
  });

  it('professional: any member may export it, with sources, but no restricted or withdrawn entry', async () => {
    const res = await download(hv, { kind: 'professional', format: 'csv', ...CONFERENCE });
    expect(res.status).toBe(200);
    const csv = res.bytes.toString('utf8');
    expect(csv).toContain('SRCREF-SHARED-7Q');
    expect(csv).toContain('PROONLY-SUMMARY-X9');
    expect(csv).toContain('SHARED-VOICE-V1 I went to my room,yes,');
    for (const hidden of ['RESTRICTED-SUMMARY-K2', 'LEADRESTRICTED-SUMMARY-Z8', 'WITHDRAWN-SUMMARY-M4', 'RESTRICTED-VOICE-K2', 'LEADRESTRICTED-VOICE-Z8']) expect(csv).not.toContain(hidden);
  });

  it('a practitioner may not produce the family version', async () => {
    expect((await download(police, { kind: 'family', format: 'csv', ...CONFERENCE })).status).toBe(403);
  });
});

describe('audit, snapshots and changes since', () => {
  let snapshotId: string;
  let version: string;
  let packEntryIds: string[];

  beforeAll(async () => {
    const res = await download(lead, { kind: 'family', format: 'pdf', conferenceDate: '2024-06-12', from: '2024-01-01' });
    snapshotId = res.headers.get('x-mac-snapshot')!;
    version = res.headers.get('x-mac-version')!;
    packEntryIds = (await preview(lead, { kind: 'family', from: '2024-01-01' })).body.rows.map((r: { entryId: string }) => r.entryId);
  });

  it('audits every pack: who, which version, which options, which entry ids left, and the snapshot', async () => {
    const records = (await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/audit?action=chronology:pack`)).body.records;
    expect(records[0]).toMatchObject({
      actorId: leadPrincipal.id,
      action: 'chronology:pack',
      details: { kind: 'family', format: 'pdf', version, snapshotId, entryIds: packEntryIds, options: { conferenceDate: '2024-06-12', from: '2024-01-01', to: null, agencies: null } },
    });
    const refused = (await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/audit?action=chronology:family-export`)).body.records;
    expect(refused.some((r: { outcome: string; actorAgency: string }) => r.outcome === 'refused' && r.actorAgency === 'thames-valley-police')).toBe(true);
  });

  it('lists snapshots and reopens one read-only, with the version the pack carried', async () => {
    const list = (await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/snapshots`)).body.snapshots;
    expect(list[0]).toMatchObject({ id: snapshotId, conferenceDate: '2024-06-12', kind: 'family', format: 'pdf', version, entryCount: packEntryIds.length, takenBy: { id: leadPrincipal.id } });
    expect(list[0].label).toBe('As presented at conference on 12 Jun 2024 (family version, PDF)');
    const opened = await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/snapshots/${snapshotId}`);
    expect(opened.status).toBe(200);
    expect(opened.body.version).toBe(version);
    expect(opened.body.snapshot.entryIds).toEqual(packEntryIds);
    const snapshotIds = opened.body.entries.map((e: { id: string }) => e.id);
    // The shared document as it stood: professionals-only and withdrawn entries are there (for professionals); restricted ones never were.
    expect(snapshotIds).toEqual(expect.arrayContaining([ids.da1, ids.proOnly, ids.withdrawn, ids.nb2]));
    expect(snapshotIds).not.toContain(ids.restricted);
    expect(snapshotIds).not.toContain(ids.leadRestricted);
  });

  it("another chronology's snapshot, or a missing one, is not found", async () => {
    expect((await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/snapshots/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const other = (await server.api(hv, 'GET', '/api/chronologies')).body.chronologies.find((c: { id: string }) => c.id !== chronologyId).id;
    expect((await server.api(hv, 'GET', `/api/chronologies/${other}/snapshots/${snapshotId}`)).status).toBe(404);
    expect((await server.api(outsider, 'GET', `/api/chronologies/${chronologyId}/snapshots/${snapshotId}`)).status).toBe(404);
  });

  it('lists what changed since the conference, and the snapshot stays as it was', async () => {
    await add(hv, 'after', { date: '2024-06-20', category: 'other', summary: 'Added after the conference' });
    expect((await server.api(police, 'PATCH', `/api/chronologies/${chronologyId}/entries/${ids.da1}`, { detail: 'Amended after the conference' })).status).toBe(200);
    expect((await server.api(hv, 'POST', `/api/chronologies/${chronologyId}/entries/${ids.nb1}/withdraw`, { reason: 'Wrong child' })).status).toBe(200);

    const changes = await server.api(dsl, 'GET', `/api/chronologies/${chronologyId}/changes?since=${snapshotId}`);
    expect(changes.status).toBe(200);
    expect(changes.body.since.id).toBe(snapshotId);
    expect(changes.body.version).not.toBe(version);
    expect(changes.body.added.map((e: { id: string }) => e.id)).toEqual([ids.after]);
    expect(changes.body.amended).toEqual([{ entry: expect.objectContaining({ id: ids.da1 }), changes: { detail: { from: '', to: 'Amended after the conference' } } }]);
    expect(changes.body.withdrawn).toEqual([expect.objectContaining({ entry: expect.objectContaining({ id: ids.nb1 }), reason: 'Wrong child', newSinceSnapshot: false })]);

    const opened = (await server.api(dsl, 'GET', `/api/chronologies/${chronologyId}/snapshots/${snapshotId}`)).body;
    expect(opened.entries.find((e: { id: string }) => e.id === ids.da1).detail).toBe('');
    expect(opened.entries.find((e: { id: string }) => e.id === ids.nb1).status).toBe('active');
  });

  it('compares with the latest snapshot by default', async () => {
    const res = await download(lead, { kind: 'professional', format: 'csv', conferenceDate: '2024-07-01' });
    expect(res.status).toBe(200);
    const changes = (await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/changes`)).body;
    expect(changes.since.id).toBe(res.headers.get('x-mac-snapshot'));
    expect([changes.added, changes.amended, changes.withdrawn]).toEqual([[], [], []]);
  });
});

describe('the shared record a pack is made from', () => {
  it('is the shared document as its room holds it, read from storage', async () => {
    const record = await readSharedRecord(server.deps, chronologyId);
    const live = (await server.deps.rooms.room(sharedDocName(chronologyId))).live;
    expect(record.version).toBe(versionOf(live));
    const liveIds = [...live.getMap('entries').keys()].sort();
    expect(record.entries.map((e) => e.id).sort()).toEqual(liveIds);
  });

  it('does not load the document to read it (its room would hold the event loop, then memory)', async () => {
    const made = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Nora', familyName: 'Unopened', dateOfBirth: '2018-03-01' }, memberAgencies: ['thames-valley-police'] });
    expect(made.status).toBe(201);
    const rooms = server.deps.rooms.stats().rooms;
    const res = await download(lead, { kind: 'professional', format: 'csv', conferenceDate: '2024-07-01' }, made.body.id);
    expect(res.status).toBe(200);
    // One room only: the chronology's analysis (a pack reads it settled, services/analysis-live.ts), never
    // its shared document.
    expect(server.deps.rooms.stats().rooms).toBe(rooms + 1);
  });
});

describe('family highlights never count a withheld entry', () => {
  it('explains an escalation from the family-visible entries alone', async () => {
    const other = (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Esme', familyName: 'Rise', dateOfBirth: '2019-01-01' }, memberAgencies: ['thames-valley-police'] })).body.id;
    const post = (body: Record<string, unknown>) => server.api(police, 'POST', `/api/chronologies/${other}/entries`, { category: 'domestic-abuse-incident', ...body });
    // One professionals-only concern in the 90 days before four shared ones.
    expect((await post({ date: '2023-10-15', summary: 'Earlier incident', sharing: 'professionals', sharingReason: 'Names the caller' })).status).toBe(201);
    for (const day of ['05', '10', '15', '20']) expect((await post({ date: `2024-01-${day}`, summary: `Incident ${day}`, sharing: 'family' })).status).toBe(201);
    const ask = (kind: string) => server.api(lead, 'POST', `/api/chronologies/${other}/packs/preview`, { kind, conferenceDate: '2024-06-12' });
    const escalation = (body: { highlights: { title: string; explanation: string }[] }) => body.highlights.find((h) => h.title === 'Concerns escalating');
    expect(escalation((await ask('professional')).body)!.explanation).toContain('against 1 in the 90 days before');
    const family = (await ask('family')).body;
    expect(JSON.stringify(family.highlights)).not.toMatch(/against 1\b/);
    // The same pattern (rule, window, entries) is shown, explained by what the family can see.
    expect(escalation(family)!.explanation).toContain('against none in the 90 days before');
  });
});

describe('the lead decides undecided entries in bulk', () => {
  const bulk = (cookie: string, body: unknown) => server.api(cookie, 'POST', `/api/chronologies/${chronologyId}/sharing`, body);
  const stored = async (key: string) => (await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/entries/${ids[key]}`)).body.entry;

  beforeAll(async () => {
    await add(police, 'bulkA', { date: '2024-04-10', category: 'other', summary: 'BULK-A police welfare visit' });
    await add(hv, 'bulkB', { date: '2024-04-11', category: 'health-assessment', summary: 'BULK-B health review' });
  });

  it('is for the lead only, and refuses the whole batch when one entry may not be loosened', async () => {
    const body = { entryIds: [ids.bulkA, ids.bulkB], sharing: 'family', reason: 'Discussed with both agencies' };
    expect((await bulk(police, body)).status).toBe(403);
    expect((await bulk(dsl, body)).status).toBe(403);
    expect((await bulk(outsider, body)).status).toBe(404);
    // Another agency's restricted entry is as absent as a missing one.
    expect((await bulk(lead, { ...body, entryIds: [ids.bulkA, ids.restricted] })).status).toBe(404);
    const loosen = await bulk(lead, { ...body, entryIds: [ids.bulkA, ids.proOnly] });
    expect(loosen.status).toBe(403);
    expect(loosen.body.error.message).toMatch(/may not return a professionals-only entry to the family version/);
    expect((await bulk(lead, { ...body, entryIds: [ids.bulkA, ids.withdrawn] })).status).toBe(409);
    const noReason = await bulk(lead, { ...body, reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields).toEqual([{ field: 'reason', message: 'Enter why the family may see this entry' }]);
    // Nothing of a refused batch was written.
    expect((await stored('bulkA')).sharing).toBe('undecided');
    expect((await stored('bulkB')).sharing).toBe('undecided');
  });

  it('shares undecided entries of any agency with the family, keeping the reason, audited as amendments by the lead', async () => {
    const undecidedBefore = (await preview(lead, { kind: 'family' })).body.withheld.undecided;
    const res = await bulk(lead, { entryIds: [ids.bulkA, ids.bulkB], sharing: 'family', reason: 'BULK-REASON Discussed with both agencies' });
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: { id: string; sharing: string; sharingReason: string }) => [e.id, e.sharing, e.sharingReason])).toEqual([
      [ids.bulkA, 'family', 'BULK-REASON Discussed with both agencies'],
      [ids.bulkB, 'family', 'BULK-REASON Discussed with both agencies'],
    ]);
    expect(await stored('bulkB')).toMatchObject({ agency: 'oxford-health-hv', sharing: 'family', sharingReason: 'BULK-REASON Discussed with both agencies' });
    const history = (await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries/${ids.bulkB}/history`)).body.history;
    expect(history.at(-1)).toMatchObject({ action: 'entry.amend', actor: { id: leadPrincipal.id }, changes: { sharing: { from: 'undecided', to: 'family' } } });
    const audit = (await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/audit?action=entry:sharing`)).body.records as { entryId: string; outcome: string; details: Record<string, unknown> }[];
    const allowed = audit.filter((r) => r.outcome === 'allowed' && [ids.bulkA, ids.bulkB].includes(r.entryId));
    expect(allowed.map((r) => r.details)).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'undecided', to: 'family', reason: 'BULK-REASON Discussed with both agencies', batch: 2 })]));
    expect(allowed).toHaveLength(2);
    // Now in the family version; the entry nobody decided still is not, and the reason never is.
    const family = (await preview(lead, { kind: 'family' })).body;
    const text = JSON.stringify(family);
    expect(text).toContain('BULK-A police welfare visit');
    expect(text).toContain('BULK-B health review');
    expect(text).not.toContain('BULK-REASON');
    expect(text).not.toContain('UNDECIDED-SUMMARY-U6');
    expect(family.withheld.undecided).toBe(undecidedBefore - 2);
  });

  it('may make any entry professionals-only in bulk, but not send a decided one back to undecided', async () => {
    const res = await bulk(lead, { entryIds: [ids.bulkA], sharing: 'professionals', reason: 'Names a neighbour' });
    expect(res.status).toBe(200);
    expect(res.body.entries[0]).toMatchObject({ sharing: 'professionals', sharingReason: 'Names a neighbour' });
    expect((await bulk(lead, { entryIds: [ids.bulkA], sharing: 'undecided', reason: 'x' })).status).toBe(422);
  });
});
