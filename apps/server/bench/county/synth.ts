// A synthetic county, the same on every machine for a given size (a seeded generator): agencies,
// accounts, children with their member agencies, and entries in the CSV exchange format with text of
// realistic length. Pure: no I/O.
import type { AgencyKindSlug } from '@mac/domain';
import { DEMO_AGENCIES } from '../../src/demo/partnership.js';

export interface CountySize {
  name: 'full' | 'small';
  chronologies: number;
  /** Mean entries per chronology over all of them, the big ones included. */
  meanEntries: number;
  /** Chronologies with `bigEntries` entries or more (a teenager's long history). */
  big: number;
  bigEntries: number;
  accounts: number;
}

export const SIZES: Record<CountySize['name'], CountySize> = {
  full: { name: 'full', chronologies: 5_000, meanEntries: 80, big: 50, bigEntries: 2_000, accounts: 2_000 },
  small: { name: 'small', chronologies: 250, meanEntries: 80, big: 3, bigEntries: 2_000, accounts: 150 },
};

/** The demo partnership's 13 agencies and two more (there is no API that creates agencies). */
export const EXTRA_AGENCIES: Array<{ slug: string; name: string; kind: AgencyKindSlug }> = [
  { slug: 'riverside-secondary', name: 'Riverside Secondary School', kind: 'education' },
  { slug: 'oxfordshire-youth-justice', name: 'Oxfordshire Youth Justice Service', kind: 'youth-justice' },
];

export const COUNTY_AGENCIES = [...DEMO_AGENCIES.map(({ slug, name, kind }) => ({ slug, name, kind })), ...EXTRA_AGENCIES];

/** Share of the county's accounts in each agency, and the share of them that are DSLs or leads. */
const STAFF: Record<string, { share: number; lead?: number; dsl?: number }> = {
  'oxfordshire-csc': { share: 22, lead: 0.7 },
  'thames-valley-police': { share: 14 },
  'northway-primary': { share: 5, dsl: 0.2 },
  'meadowbrook-academy': { share: 5, dsl: 0.2 },
  'riverside-secondary': { share: 5, dsl: 0.2 },
  'oxford-health-hv': { share: 7 },
  'oxford-health-school-nursing': { share: 5 },
  'east-oxford-gp': { share: 6 },
  'ouh-acute': { share: 7 },
  'oxford-health-camhs': { share: 6 },
  'probation-service': { share: 4 },
  'oxfordshire-lado': { share: 1 },
  'oxfordshire-domestic-abuse-service': { share: 5 },
  'oxfordshire-youth-justice': { share: 4 },
  oscp: { share: 4, dsl: 0.5 },
};

export type Rng = () => number;

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const between = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export interface Account {
  email: string;
  name: string;
  agency: string;
  role: 'practitioner' | 'dsl' | 'lead';
}

export interface PlannedChronology {
  n: number;
  child: { givenName: string; familyName: string; dateOfBirth: string };
  memberAgencies: string[];
  entries: number;
  big: boolean;
  /** Index into the leads (accounts with role lead). */
  lead: number;
  /** Chronologies of one household share a number (null: none). */
  household: number | null;
}

const GIVEN = ['Amelia', 'Oliver', 'Isla', 'Noah', 'Ava', 'Leo', 'Mia', 'Arthur', 'Ivy', 'Oscar', 'Freya', 'Theo', 'Lily', 'Harry', 'Sophia', 'Jack', 'Grace', 'Muhammad', 'Ella', 'Finley', 'Evie', 'Alfie', 'Poppy', 'Reuben', 'Zara', 'Kai', 'Maya', 'Tyler', 'Aisha', 'Jayden', 'Ruby', 'Mason', 'Chloe', 'Riley', 'Layla', 'Ethan'];
const FAMILY = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Khan', 'Clarke', 'Hughes', 'Edwards', 'Turner', 'Hartley', 'Begum', 'Nowak', 'Okafor', 'Murphy', 'Price', 'Bennett', 'Shaw', 'Lloyd', 'Ali', 'Cooper', 'Gill', 'Morgan'];

/** 2,000 accounts across 15 agencies (or the small size's share of them). */
export function planAccounts(size: CountySize): Account[] {
  const r = rng(17);
  const total = Object.values(STAFF).reduce((a, s) => a + s.share, 0);
  const accounts: Account[] = [];
  for (const [agency, staff] of Object.entries(STAFF)) {
    const count = Math.max(2, Math.round((size.accounts * staff.share) / total));
    for (let i = 0; i < count; i++) {
      const role = staff.lead !== undefined && i < Math.round(count * staff.lead) ? 'lead' : staff.dsl !== undefined && i < Math.max(1, Math.round(count * staff.dsl)) ? 'dsl' : 'practitioner';
      accounts.push({ email: `county.${agency}.${i}@bench.example.org`, name: `${pick(r, GIVEN)} ${pick(r, FAMILY)}`, agency, role });
    }
  }
  return accounts;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The member agencies of one child: the lead's agency and those around a child of that age (5-7 usually). */
function membersFor(r: Rng, ageYears: number): string[] {
  const m = ['oxfordshire-csc'];
  if (r() < 0.75) m.push('thames-valley-police');
  if (ageYears >= 4 && r() < 0.85) m.push(ageYears < 11 ? pick(r, ['northway-primary', 'meadowbrook-academy']) : pick(r, ['riverside-secondary', 'meadowbrook-academy']));
  if (r() < 0.7) m.push(ageYears < 5 ? 'oxford-health-hv' : 'oxford-health-school-nursing');
  if (r() < 0.8) m.push('east-oxford-gp');
  if (r() < 0.35) m.push('ouh-acute');
  if (ageYears >= 8 && r() < 0.3) m.push('oxford-health-camhs');
  if (r() < 0.3) m.push('oxfordshire-domestic-abuse-service');
  if (r() < 0.1) m.push('probation-service');
  if (ageYears >= 10 && r() < 0.2) m.push('oxfordshire-youth-justice');
  if (r() < 0.02) m.push('oxfordshire-lado');
  return m;
}

/**
 * The chronologies: `big` of them with bigEntries…bigEntries×1.5 entries (teenagers), the rest drawn from
 * an exponential spread (3 to 1,500) whose mean brings the whole county to `meanEntries`. About a quarter
 * of the children live in households of two or three with one lead.
 */
export function planChronologies(size: CountySize, leads: number, today = new Date()): PlannedChronology[] {
  const r = rng(2026);
  const bigTotal = size.big * size.bigEntries * 1.2;
  const restMean = Math.max(3, (size.chronologies * size.meanEntries - bigTotal) / (size.chronologies - size.big));
  const out: PlannedChronology[] = [];
  let household = 0;
  for (let n = 0; n < size.chronologies; ) {
    // Households: 2-3 children with one lead and one family name.
    const children = r() < 0.12 ? between(r, 2, 3) : 1;
    const familyName = pick(r, FAMILY);
    const lead = Math.floor(r() * leads);
    const householdNo = children > 1 ? household++ : null;
    for (let c = 0; c < children && n < size.chronologies; c++, n++) {
      const big = n % Math.floor(size.chronologies / size.big) === 0 && out.filter((p) => p.big).length < size.big;
      const ageYears = big ? between(r, 13, 17) : between(r, 0, 17);
      const dob = new Date(today.getTime() - (ageYears * 365 + between(r, 30, 330)) * 86_400_000);
      const entries = big ? between(r, size.bigEntries, Math.round(size.bigEntries * 1.4)) : Math.min(1_500, 3 + Math.round(-Math.log(1 - r()) * (restMean - 3)));
      out.push({ n, child: { givenName: pick(r, GIVEN), familyName, dateOfBirth: isoDay(dob) }, memberAgencies: membersFor(r, ageYears), entries, big, lead, household: householdNo });
    }
  }
  return out;
}

const CATEGORY_BY_KIND: Record<string, string[]> = {
  police: ['police-attendance', 'domestic-abuse-incident', 'arrest-or-offence', 'missing-episode', 'exploitation-concern'],
  education: ['school-absence', 'exclusion', 'emotional-abuse-concern', 'neglect-concern', 'positive-change', 'children-missing-education'],
  'health-visiting': ['health-assessment', 'missed-health-appointment', 'neglect-concern', 'parental-mental-health'],
  'school-nursing': ['health-assessment', 'missed-health-appointment', 'self-harm'],
  gp: ['missed-health-appointment', 'health-assessment', 'parental-substance-misuse', 'parental-mental-health'],
  'acute-health': ['emergency-department-attendance', 'injury', 'self-harm'],
  camhs: ['camhs-referral', 'child-mental-health', 'self-harm'],
  'childrens-social-care': ['referral-to-social-care', 'strategy-discussion', 'child-protection-conference', 'early-help-assessment', 'child-protection-plan-start', 'child-protection-plan-end', 'housing-change', 'new-adult-in-household'],
  probation: ['new-adult-in-household', 'arrest-or-offence'],
  'youth-justice': ['arrest-or-offence', 'exploitation-concern', 'positive-change'],
  lado: ['lado-allegation'],
  'domestic-abuse-service': ['domestic-abuse-incident', 'parental-mental-health'],
  other: ['other'],
};

const OPENERS = ['Home visit', 'Telephone call', 'Report received', 'Incident attended', 'Appointment', 'Meeting held', 'Information shared', 'Concern raised', 'Assessment completed', 'Review'];
const SUBJECTS = ['mother', 'father', 'grandmother', "mother's partner", 'older brother', 'the child', 'the family', 'a neighbour', 'the class teacher', 'the GP'];
const VERBS = ['reported', 'described', 'disclosed', 'was seen with', 'raised concerns about', 'agreed to', 'did not attend', 'asked for help with', 'spoke about', 'was worried by'];
const OBJECTS = ['arguments at home late at night', 'a bruise on the upper arm', 'missed meals and poor hygiene', 'not attending school for a week', 'an older group of friends', 'low mood and poor sleep', 'rent arrears and a notice to quit', 'drinking most evenings', 'the new baby', 'the contact arrangements', 'a fall at the park', 'unexplained new clothes and a phone'];
const TAILS = ['No injuries seen.', 'The child appeared settled and well cared for.', 'Advice given and safety plan discussed.', 'Consent obtained to share with partner agencies.', 'To be discussed at the next core group.', 'The family engaged well.', 'Not seen on this occasion; follow-up booked.', 'Information passed to the lead professional.'];

function sentence(r: Rng): string {
  return `${pick(r, OPENERS)}: ${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${pick(r, OBJECTS)}.`;
}

function paragraph(r: Rng, sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(i % 2 === 0 ? sentence(r) : pick(r, TAILS));
  return parts.join(' ');
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const CSV_HEADER = 'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by';

/** `count` entries for a child born on `dateOfBirth`, in the exchange format (header included). */
export function entriesCsv(seed: number, count: number, dateOfBirth: string, memberAgencies: readonly string[], today = new Date()): string {
  const r = rng(seed);
  const kinds = new Map(COUNTY_AGENCIES.map((a) => [a.slug, a.kind as string]));
  const from = Math.max(Date.parse(dateOfBirth) - 180 * 86_400_000, today.getTime() - 18 * 365 * 86_400_000);
  const span = today.getTime() - 86_400_000 - from;
  const rows = [CSV_HEADER];
  for (let i = 0; i < count; i++) {
    const agency = pick(r, memberAgencies);
    const category = pick(r, CATEGORY_BY_KIND[kinds.get(agency) ?? 'other'] ?? ['other']);
    const day = isoDay(new Date(from + Math.floor(r() * span)));
    const time = r() < 0.5 ? `${String(between(r, 7, 22)).padStart(2, '0')}:${String(between(r, 0, 59)).padStart(2, '0')}` : '';
    // The number keeps summaries unique within a chronology (date, agency, category, summary is a duplicate).
    const summary = `${sentence(r)} (${i + 1})`;
    const detail = r() < 0.85 ? paragraph(r, between(r, 2, 6)) : '';
    const impact = r() < 0.7 ? pick(r, TAILS) : '';
    const action = r() < 0.7 ? paragraph(r, 1) : '';
    const sourceRef = `REF-${seed % 10_000}-${i}`;
    const recordedBy = r() < 0.6 ? `${pick(r, GIVEN)} ${pick(r, FAMILY)}` : '';
    rows.push([day, time, agency, category, summary, detail, impact, action, sourceRef, recordedBy].map(csvCell).join(','));
  }
  return rows.join('\n') + '\n';
}

/** One entry for the REST API (the same shape of text as the imported ones). */
export function entryBody(r: Rng, agencyKind: string, restricted = false) {
  return {
    date: isoDay(new Date(Date.now() - between(r, 1, 700) * 86_400_000)),
    category: pick(r, CATEGORY_BY_KIND[agencyKind] ?? ['other']),
    summary: `${sentence(r)} (${Math.floor(r() * 1e9)})`,
    detail: paragraph(r, between(r, 2, 5)),
    impactOnChild: pick(r, TAILS),
    actionTaken: paragraph(r, 1),
    ...(restricted ? { restricted: true } : {}),
  };
}

export const kindOf = (slug: string): string => COUNTY_AGENCIES.find((a) => a.slug === slug)?.kind ?? 'other';
