// Self-check of the demo data: the CSV files must be importable as they stand, and the partnership must
// be consistent. Deliberately independent of the domain package so that a broken demo file is reported
// here with its row number, not as a failed seed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_AGENCIES, DEMO_CHILDREN, DEMO_HOUSEHOLDS, DEMO_USERS, DEMO_PEOPLE } from './partnership.js';

const HEADER = 'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by,sharing,childs_voice,seen_alone';
const LATEST = '2026-11-27';

const CATEGORIES = new Set([
  'domestic-abuse-incident', 'parental-mental-health', 'parental-substance-misuse', 'new-adult-in-household',
  'housing-change', 'neglect-concern', 'physical-abuse-concern', 'sexual-abuse-concern', 'emotional-abuse-concern',
  'injury', 'missing-episode', 'exploitation-concern', 'radicalisation-concern', 'arrest-or-offence', 'self-harm',
  'child-mental-health', 'emergency-department-attendance', 'missed-health-appointment', 'health-assessment',
  'camhs-referral', 'school-absence', 'exclusion', 'elective-home-education', 'children-missing-education',
  'police-attendance', 'referral-to-social-care', 'early-help-assessment', 'strategy-discussion',
  'child-protection-conference', 'child-protection-plan-start', 'child-protection-plan-end', 'became-looked-after',
  'lado-allegation', 'positive-change', 'other',
  'child-in-need-plan-start', 'child-in-need-plan-end', 'case-closed', 'section-47-enquiry', 'return-home-interview',
  'paediatric-assessment', 'marac-referral', 'domestic-abuse-risk-assessment', 'neglect-assessment', 'exploitation-screening',
]);

// Screening files: the exchange header with the screening columns, and only results and follow-ups.
const SCREENING_HEADER = 'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by,risk_level,score,area_grades';

const ROW_RANGES: Record<string, [number, number]> = { ruby: [80, 140], jayden: [60, 120], kai: [15, 40], leo: [40, 70] };

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF or LF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      // the \n ends the record
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The first and last ISO day covered by one side of an exchange-format date, or null if not a real date. */
function side(raw: string): [string, string] | null {
  const s = raw.startsWith('?') ? raw.slice(1) : raw;
  let m: RegExpExecArray | null;
  let y: number, mo: number | null, d: number | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  else if ((m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s))) [y, mo, d] = [+m[3]!, +m[2]!, +m[1]!];
  else if ((m = /^(\d{4})-(\d{2})$/.exec(s))) [y, mo, d] = [+m[1]!, +m[2]!, null];
  else if ((m = /^(\d{2})\/(\d{4})$/.exec(s))) [y, mo, d] = [+m[2]!, +m[1]!, null];
  else if ((m = /^(\d{4})$/.exec(s))) [y, mo, d] = [+m[1]!, null, null];
  else return null;
  if (mo !== null && (mo < 1 || mo > 12)) return null;
  if (mo !== null && d !== null && (d < 1 || d > daysIn(y, mo))) return null;
  if (mo === null) return [`${y}-01-01`, `${y}-12-31`];
  if (d === null) return [`${y}-${pad(mo)}-01`, `${y}-${pad(mo)}-${pad(daysIn(y, mo))}`];
  return [`${y}-${pad(mo)}-${pad(d)}`, `${y}-${pad(mo)}-${pad(d)}`];
}

/** [first day, last day] of an exchange-format date or period, or null if it is not one. */
function interval(date: string): [string, string] | null {
  const parts = date.split('..');
  if (parts.length > 2) return null;
  const from = side(parts[0]!);
  const to = parts.length === 2 ? side(parts[1]!) : from;
  if (!from || !to || from[0] > to[1]) return null;
  return [from[0], to[1]];
}

function isValidNhsNumber(n: string): boolean {
  if (!/^\d{10}$/.test(n)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(n[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(n[9]);
}

const chars = (s: string) => [...s].length;

describe('demo partnership', () => {
  const agencySlugs = new Set(DEMO_AGENCIES.map((a) => a.slug));

  it('has unique agencies and unique user emails, each user in a known agency', () => {
    expect(agencySlugs.size).toBe(DEMO_AGENCIES.length);
    const emails = DEMO_USERS.map((u) => u.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    for (const u of DEMO_USERS) expect(agencySlugs.has(u.agency), u.email).toBe(true);
  });

  it('makes every user except the outsider and the administrators a member of at least one chronology', () => {
    for (const u of DEMO_USERS) {
      const memberOf = DEMO_CHILDREN.filter((c) => c.memberAgencies.includes(u.agency)).map((c) => c.key);
      if (u.email === 'outsider@probation.example.org' || u.role === 'admin') expect(memberOf, u.email).toEqual([]);
      else expect(memberOf.length, u.email).toBeGreaterThan(0);
    }
    const ruby = DEMO_CHILDREN.find((c) => c.key === 'ruby')!;
    for (const slug of ['thames-valley-police', 'oxford-health-hv', 'northway-primary']) expect(ruby.memberAgencies).toContain(slug);
    expect(DEMO_CHILDREN.find((c) => c.key === 'jayden')!.memberAgencies).not.toContain('northway-primary');
  });

  it('gives each child a valid NHS number in the 999 test range and a lead who exists', () => {
    for (const c of DEMO_CHILDREN) {
      expect(isValidNhsNumber(c.child.nhsNumber ?? ''), c.key).toBe(true);
      expect(c.child.nhsNumber!.startsWith('999')).toBe(true);
      expect(interval(c.child.dateOfBirth)).not.toBeNull();
      const lead = DEMO_USERS.find((u) => u.email === c.leadEmail)!;
      expect(lead.role).toBe('lead');
      expect(c.memberAgencies).toContain(lead.agency);
      for (const slug of c.memberAgencies) expect(agencySlugs.has(slug), slug).toBe(true);
    }
  });

  it('links Leo and his brother Kai in one household, with the health visitor a member of Leo’s chronology only', () => {
    for (const h of DEMO_HOUSEHOLDS) {
      expect(h.children.length).toBeGreaterThanOrEqual(2);
      for (const c of h.children) expect(DEMO_CHILDREN.some((d) => d.key === c.key), c.key).toBe(true);
      const leads = new Set(h.children.map((c) => DEMO_CHILDREN.find((d) => d.key === c.key)!.leadEmail));
      expect(leads.size, 'one lead links every child').toBe(1);
    }
    expect(DEMO_HOUSEHOLDS.flatMap((h) => h.children.map((c) => c.key))).toEqual(expect.arrayContaining(['leo', 'kai']));
    const kai = DEMO_CHILDREN.find((c) => c.key === 'kai')!;
    const leo = DEMO_CHILDREN.find((c) => c.key === 'leo')!;
    expect(leo.memberAgencies).toContain('oxford-health-hv');
    expect(kai.memberAgencies).not.toContain('oxford-health-hv');
    // Kai's history is his own now, not unlinked "other" entries in Leo's.
    const leoCsv = readFileSync(fileURLToPath(new URL(`./${leo.csvFile}`, import.meta.url)), 'utf8');
    expect(leoCsv).not.toMatch(/Kai's (autumn )?attendance|Sibling history checked/);
    // Seeded before Leo, so Leo stays the newest chronology (tests pick the first match of a caseload).
    expect(DEMO_CHILDREN.findIndex((c) => c.key === 'kai')).toBeLessThan(DEMO_CHILDREN.findIndex((c) => c.key === 'leo'));
  });

  it('records the adults around the Turner children on their chronologies, named on entries that exist, with Liam twice for the merge suggestion', () => {
    const csvOf = (key: string) => readFileSync(fileURLToPath(new URL(`./${DEMO_CHILDREN.find((c) => c.key === key)!.csvFile}`, import.meta.url)), 'utf8');
    for (const p of DEMO_PEOPLE) {
      const author = DEMO_USERS.find((u) => u.email === p.addedBy)!;
      expect(author, p.addedBy).toBeDefined();
      for (const link of p.links) expect(DEMO_CHILDREN.find((c) => c.key === link.child)!.memberAgencies, `${p.key} on ${link.child}`).toContain(author.agency);
      for (const flag of p.flags) expect(DEMO_USERS.some((u) => u.email === flag.byEmail)).toBe(true);
      for (const n of p.namedOn) {
        expect(p.links.some((l) => l.child === n.child), `${p.key} named on ${n.child} but not linked to it`).toBe(true);
        // Exactly one entry of the child opens with these words (the seed names that one).
        const rows = parseCsv(csvOf(n.child)).slice(1).filter((r) => r[4]!.startsWith(n.summaryStartsWith));
        expect(rows.length, `${p.key}: ${n.summaryStartsWith}`).toBe(1);
      }
    }
    const liams = DEMO_PEOPLE.filter((p) => p.givenName === 'Liam');
    expect(liams.map((p) => p.links[0]!.child).sort()).toEqual(['kai', 'leo']);
    expect(new Set(liams.map((p) => `${p.familyName}|${p.dateOfBirth}`)).size).toBe(1);
    expect(liams.flatMap((p) => p.flags).map((f) => [f.kind, f.reason])).toEqual([['poses-risk-to-children', 'Breach of restraining order']]);
  });

  it('gives the Turner household its household events: each author a member of every child’s chronology, three or more across agencies within a few weeks', () => {
    for (const h of DEMO_HOUSEHOLDS) {
      const members = h.children.map((c) => DEMO_CHILDREN.find((d) => d.key === c.key)!.memberAgencies);
      for (const e of h.events) {
        const author = DEMO_USERS.find((u) => u.email === e.authorEmail);
        expect(author, e.authorEmail).toBeDefined();
        // A copy on every child: the author's agency is a member of each child's chronology.
        for (const agencies of members) expect(agencies, e.summary).toContain(author!.agency);
        expect(CATEGORIES.has(e.category), e.category).toBe(true);
        expect(chars(e.summary)).toBeLessThanOrEqual(200);
        const when = interval(e.date);
        expect(when, e.date).not.toBeNull();
        expect(when![1] <= LATEST).toBe(true);
      }
    }
    const turner = DEMO_HOUSEHOLDS.find((h) => h.name === 'Turner household')!;
    const dates = turner.events.map((e) => e.date).sort();
    expect(dates.length).toBeGreaterThanOrEqual(3);
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    expect(days(dates[0]!, dates[dates.length - 1]!)).toBeLessThanOrEqual(28);
    expect(new Set(turner.events.map((e) => DEMO_USERS.find((u) => u.email === e.authorEmail)!.agency)).size).toBeGreaterThanOrEqual(2);
    expect(turner.events.some((e) => e.category === 'housing-change')).toBe(true);
  });

  it('has restricted entries written by members of their own agency', () => {
    for (const c of DEMO_CHILDREN) {
      for (const r of c.restricted) {
        const author = DEMO_USERS.find((u) => u.email === r.authorEmail);
        expect(author, r.authorEmail).toBeDefined();
        expect(author!.agency).toBe(r.agency);
        expect(c.memberAgencies).toContain(r.agency);
        expect(CATEGORIES.has(r.category), r.category).toBe(true);
        expect(chars(r.summary)).toBeLessThanOrEqual(200);
        const when = interval(r.date);
        expect(when, r.date).not.toBeNull();
        expect(when![1] <= LATEST).toBe(true);
      }
    }
  });
});

describe.each(DEMO_CHILDREN.map((c) => [c.key, c] as const))('demo chronology %s', (key, demo) => {
  const text = readFileSync(fileURLToPath(new URL(`./${demo.csvFile}`, import.meta.url)), 'utf8');
  const [header, ...rows] = parseCsv(text);

  it('has the exact exchange-format header and no byte-order mark', () => {
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(header!.join(',')).toBe(HEADER);
  });

  it('has a number of rows in range', () => {
    const [min, max] = ROW_RANGES[key]!;
    expect(rows.length).toBeGreaterThanOrEqual(min);
    expect(rows.length).toBeLessThanOrEqual(max);
  });

  it('has valid rows', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const at = `row ${i + 1}`;
      if (r.length !== 13) return problems.push(`${at}: ${r.length} fields`);
      if (!['', 'yes', 'no', 'not-applicable'].includes(r[12]!)) problems.push(`${at}: seen_alone "${r[12]}"`);
      if (chars(r[11]!) > 10_000) problems.push(`${at}: childs_voice longer than 10,000 characters`);
      if (!['', 'family'].includes(r[10]!)) problems.push(`${at}: sharing "${r[10]}" (family, or empty for undecided)`);
      const [date, time, agency, category, summary] = r as [string, string, string, string, string];
      const when = interval(date);
      if (!when) problems.push(`${at}: date "${date}" is not a real exchange-format date`);
      else if (when[1] > LATEST) problems.push(`${at}: date ${date} is after ${LATEST}`);
      if (time !== '' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) problems.push(`${at}: time "${time}"`);
      if (!demo.memberAgencies.includes(agency)) problems.push(`${at}: agency ${agency} is not a member`);
      if (!CATEGORIES.has(category)) problems.push(`${at}: category ${category}`);
      if (summary.trim() === '' || chars(summary) > 200 || /[\r\n]/.test(summary)) problems.push(`${at}: summary length ${chars(summary)}`);
      for (const cell of r) {
        if (cell !== cell.trim()) problems.push(`${at}: cell with surrounding spaces`);
        if (/^[=+\-@\t\r]/.test(cell)) problems.push(`${at}: cell starts with a formula character`);
      }
      const dup = [date, agency, category, summary].join('|');
      if (seen.has(dup)) problems.push(`${at}: duplicate of an earlier row`);
      seen.add(dup);
    });
    expect(problems).toEqual([]);
  });

  it('marks for the family only what a practitioner would share, leaving the rest undecided', () => {
    const family = rows.filter((r) => r[10] === 'family');
    expect(family.length).toBeGreaterThan(0);
    expect(family.length).toBeLessThan(rows.length);
    // Police incidents and intelligence, and what a domestic abuse service was told, wait for a decision.
    for (const r of family) expect(['thames-valley-police', 'oxfordshire-domestic-abuse-service'], r[4]).not.toContain(r[2]);
    for (const r of family) expect(['domestic-abuse-incident', 'exploitation-concern', 'parental-substance-misuse', 'parental-mental-health'], r[4]).not.toContain(r[3]);
  });

  it("records the child's own words on some entries, and whether they were seen alone", () => {
    const voiced = rows.filter((r) => r[11] !== '');
    expect(voiced.length, key).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r[12] !== '').length).toBeGreaterThanOrEqual(voiced.length - 1);
    // A baby is never "seen alone": the answer that fits is not applicable.
    if (key === 'leo') for (const r of rows) expect(['', 'not-applicable']).toContain(r[12]);
  });

  it('uses more than one date form', () => {
    const dates = rows.map((r) => r[0]!);
    expect(dates.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(dates.some((d) => d.includes('/') || d.startsWith('?') || /^\d{4}-\d{2}$/.test(d) || d.includes('..'))).toBe(true);
  });
});

describe.each(DEMO_CHILDREN.filter((c) => c.screeningCsvFile !== undefined).map((c) => [c.key, c] as const))('demo screening results %s', (_key, demo) => {
  const text = readFileSync(fileURLToPath(new URL(`./${demo.screeningCsvFile!}`, import.meta.url)), 'utf8');
  const [header, ...rows] = parseCsv(text);

  it('has the exchange-format header with the screening columns', () => {
    expect(header!.join(',')).toBe(SCREENING_HEADER);
  });

  it('has rows of known categories, member agencies and plausible results', () => {
    for (const [i, r] of rows.entries()) {
      if (r.length === 1 && r[0] === '') continue;
      expect(r.length, `row ${i + 1}`).toBe(13);
      const [date, , agency, category, summary, , , , , , level, score, grades] = r as string[];
      expect(CATEGORIES.has(category!), category).toBe(true);
      expect(demo.memberAgencies).toContain(agency);
      expect(interval(date!)![1] <= LATEST, date).toBe(true);
      expect(chars(summary!)).toBeLessThanOrEqual(200);
      if (category === 'domestic-abuse-risk-assessment') expect(['standard', 'medium', 'high']).toContain(level);
      if (category === 'exploitation-screening') expect(['low', 'medium', 'high']).toContain(level);
      if (score !== '') expect(Number(score)).toBeGreaterThanOrEqual(0);
      if (category === 'neglect-assessment') expect(grades).toMatch(/^[1-5](,[1-5]){3}$/);
    }
  });
});
