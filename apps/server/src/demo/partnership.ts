import type { AgencyKindSlug } from '@mac/domain';
// The demo partnership: Oxfordshire agencies, a handful of accounts and three fictional children.
// Every person named here or in the CSV files beside this module is invented; the public bodies are
// real names used only to make the demo recognisable. NHS numbers are in the 999 range, which is never
// issued to patients, and each one carries a valid modulus-11 check digit.
//
// The chronologies are loaded by `seed.ts` through the same paths as real data: the lead imports the CSV
// file (exchange format) and each restricted entry is written by its own author.

export type DemoRole = 'practitioner' | 'dsl' | 'lead' | 'admin';

export interface DemoAgency {
  slug: string;
  name: string;
  kind: AgencyKindSlug;
}

export interface DemoUser {
  email: string;
  name: string;
  role: DemoRole;
  agency: string;
}

export interface DemoRestrictedEntry {
  /** The author's agency: a restricted entry lives in its agency's restricted document. */
  agency: string;
  date: string;
  category: string;
  summary: string;
  detail: string;
  impactOnChild: string;
  actionTaken: string;
  sourceRef: string;
  authorEmail: string;
}

export interface DemoChild {
  key: string;
  child: { givenName: string; familyName: string; dateOfBirth: string; nhsNumber?: string };
  leadEmail: 'lead@csc.example.org';
  memberAgencies: string[];
  /** File name of the chronology in the exchange format, in this folder. */
  csvFile: string;
  /** Screening results and follow-ups (exchange format with risk_level, score, area_grades), imported after csvFile. */
  screeningCsvFile?: string;
  restricted: DemoRestrictedEntry[];
}

/**
 * An event that concerns the whole household (issue 14), recorded once by its author through the same
 * service as a real one (POST /api/households/{id}/events): a copy on every child's chronology.
 */
export interface DemoHouseholdEvent {
  /** A member of every child's chronology in the household, so that every child gets a copy. */
  authorEmail: string;
  date: string;
  time?: string;
  category: string;
  summary: string;
  detail: string;
  impactOnChild: string;
  actionTaken: string;
  sourceRef: string;
  recordedBy?: string;
}

/** Children who live together (issue 14), linked by their lead through the same service as a real household. */
export interface DemoHousehold {
  name: string;
  children: Array<{ key: string; relationship: 'sibling' | 'half-sibling' | 'step-sibling' | 'other-child'; from?: string }>;
  /** Household events, oldest first. */
  events: DemoHouseholdEvent[];
}

export const DEMO_AGENCIES: DemoAgency[] = [
  { slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' },
  { slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' },
  { slug: 'meadowbrook-academy', name: 'Meadowbrook Academy', kind: 'education' },
  { slug: 'oxford-health-hv', name: 'Oxford Health – Health Visiting', kind: 'health-visiting' },
  { slug: 'oxford-health-school-nursing', name: 'Oxford Health – School Nursing', kind: 'school-nursing' },
  { slug: 'east-oxford-gp', name: 'East Oxford Health Centre (GP)', kind: 'gp' },
  { slug: 'ouh-acute', name: 'John Radcliffe Hospital – Emergency Department', kind: 'acute-health' },
  { slug: 'oxford-health-camhs', name: 'Oxford Health CAMHS', kind: 'camhs' },
  { slug: 'oxfordshire-csc', name: "Oxfordshire Children's Social Care", kind: 'childrens-social-care' },
  { slug: 'probation-service', name: 'The Probation Service – Thames Valley', kind: 'probation' },
  { slug: 'oxfordshire-lado', name: 'Oxfordshire LADO', kind: 'lado' },
  { slug: 'oxfordshire-domestic-abuse-service', name: 'Oxfordshire Domestic Abuse Service', kind: 'domestic-abuse-service' },
  { slug: 'oscp', name: 'Oxfordshire Safeguarding Children Partnership', kind: 'other' },
];

export const DEMO_USERS: DemoUser[] = [
  { email: 'lead@csc.example.org', name: 'Priya Shah', role: 'lead', agency: 'oxfordshire-csc' },
  { email: 'police@tvp.example.org', name: 'Tom Whitfield', role: 'practitioner', agency: 'thames-valley-police' },
  { email: 'dsl@school.example.org', name: 'Helen Okoro', role: 'dsl', agency: 'northway-primary' },
  { email: 'hv@health.example.org', name: 'Gemma Doyle', role: 'practitioner', agency: 'oxford-health-hv' },
  { email: 'dsl@meadowbrook.example.org', name: 'Rajinder Gill', role: 'dsl', agency: 'meadowbrook-academy' },
  { email: 'ed@ouh.example.org', name: 'Niamh Gallagher', role: 'practitioner', agency: 'ouh-acute' },
  { email: 'camhs@oxfordhealth.example.org', name: 'Dr Yusuf Rahman', role: 'practitioner', agency: 'oxford-health-camhs' },
  { email: 'idva@oxdas.example.org', name: 'Bethany Cole', role: 'practitioner', agency: 'oxfordshire-domestic-abuse-service' },
  { email: 'gp@eastoxford.example.org', name: 'Dr Fiona Mackenzie', role: 'practitioner', agency: 'east-oxford-gp' },
  { email: 'schoolnurse@health.example.org', name: 'Aisha Begum', role: 'practitioner', agency: 'oxford-health-school-nursing' },
  { email: 'outsider@probation.example.org', name: 'Mark Ellison', role: 'practitioner', agency: 'probation-service' },
  { email: 'admin@mac.example.org', name: 'Alex Morgan', role: 'admin', agency: 'oscp' },
  // A second administrator: what one creates (accounts, agency API tokens), the other approves.
  { email: 'admin2@mac.example.org', name: 'Jordan Reid', role: 'admin', agency: 'oscp' },
];

export const DEMO_CHILDREN: DemoChild[] = [
  {
    key: 'ruby',
    child: { givenName: 'Ruby', familyName: 'Hartley', dateOfBirth: '2019-06-18', nhsNumber: '9990431272' },
    leadEmail: 'lead@csc.example.org',
    memberAgencies: [
      'oxfordshire-csc',
      'thames-valley-police',
      'northway-primary',
      'oxford-health-hv',
      'east-oxford-gp',
      'ouh-acute',
      'oxfordshire-domestic-abuse-service',
    ],
    csvFile: 'ruby-hartley.csv',
    screeningCsvFile: 'ruby-hartley-screening.csv',
    restricted: [
      {
        agency: 'thames-valley-police',
        date: '2022-03-14',
        category: 'other',
        summary: "Intelligence: Chloe's partner Jason Price has a history of domestic abuse towards two former partners (2017, 2020)",
        detail:
          'Two previous domestic incidents recorded with former partners, one resulting in a caution for assault. No convictions. Source graded as reliable police records; not for disclosure outside TVP except through the Domestic Violence Disclosure Scheme.',
        impactOnChild: 'Ruby now lives with an adult with a history of domestic abuse.',
        actionTaken: 'DVDS right-to-know application opened; disclosure decision panel listed for 29/03/2022.',
        sourceRef: 'TVP Niche intelligence 22/0314/INT/0451',
        authorEmail: 'police@tvp.example.org',
      },
      {
        agency: 'oxfordshire-domestic-abuse-service',
        date: '2024-01-11',
        category: 'other',
        summary: "MARAC safety plan: Chloe's safe contact times, code word and refuge option (held by OxDAS only)",
        detail:
          'Safe to call Chloe on weekdays between 10:00 and 12:00 only. Code word agreed for use with her IDVA. Refuge space discussed as a fallback; Chloe prefers to stay with her mother.',
        impactOnChild: "Protects Ruby's home from disclosure of the safety arrangements.",
        actionTaken: 'Safety plan reviewed weekly with Chloe.',
        sourceRef: 'OxDAS case record 24-0011',
        authorEmail: 'idva@oxdas.example.org',
      },
    ],
  },
  {
    key: 'jayden',
    child: { givenName: 'Jayden', familyName: 'Clarke', dateOfBirth: '2010-02-23', nhsNumber: '9993865427' },
    leadEmail: 'lead@csc.example.org',
    memberAgencies: [
      'oxfordshire-csc',
      'thames-valley-police',
      'meadowbrook-academy',
      'oxford-health-camhs',
      'oxford-health-school-nursing',
      'ouh-acute',
    ],
    csvFile: 'jayden-clarke.csv',
    screeningCsvFile: 'jayden-clarke-screening.csv',
    restricted: [
      {
        agency: 'thames-valley-police',
        date: '2023-06-15',
        category: 'exploitation-concern',
        summary: 'Intelligence links Jayden to a county line supplying class A drugs from London into Oxford and Banbury',
        detail:
          "Jayden's phone number recovered from a handset seized in Banbury on 09/04/2023. Intelligence suggests he is used to carry drugs and cash. Operational details held on the TVP intelligence system.",
        impactOnChild: 'Jayden at high risk of violence, debt bondage and further criminalisation.',
        actionTaken: 'Disruption activity against the adults involved; shared in outline with the exploitation panel.',
        sourceRef: 'TVP Niche intelligence 23/0615/INT/1187',
        authorEmail: 'police@tvp.example.org',
      },
      {
        agency: 'oxford-health-camhs',
        date: '2024-03-21',
        category: 'child-mental-health',
        summary: "Jayden spoke about witnessing his father's violence towards his mother in early childhood; asked that this is not raised with her yet",
        detail:
          'Disclosed in a therapy session. Events were over ten years ago; father has had no contact since. No current risk identified from the father. Jayden wants to talk to his mother himself when ready.',
        impactOnChild: 'Early trauma contributing to his low mood and self-harm.',
        actionTaken: "Trauma-focused work agreed. Consent to share to be reviewed with Jayden; no current safeguarding risk requiring disclosure.",
        sourceRef: 'CareNotes',
        authorEmail: 'camhs@oxfordhealth.example.org',
      },
    ],
  },
  {
    // Leo's half-brother. His own chronology holds his history (a child protection plan for neglect in
    // 2022-23, school attendance, the domestic incidents he lived through), which Leo's used to carry as
    // unlinked "other" entries. Health visiting is not a member (Kai is of school age): Gemma, Leo's
    // health visitor, sees in Leo's household that Kai exists and who leads his chronology, nothing more.
    key: 'kai',
    child: { givenName: 'Kai', familyName: 'Turner', dateOfBirth: '2018-04-02', nhsNumber: '9995120771' },
    leadEmail: 'lead@csc.example.org',
    memberAgencies: ['oxfordshire-csc', 'thames-valley-police', 'northway-primary', 'east-oxford-gp', 'oxford-health-school-nursing'],
    csvFile: 'kai-turner.csv',
    // The neglect assessments that bracket his child protection plan (issue 16: on Kai's own chronology).
    screeningCsvFile: 'kai-turner-screening.csv',
    restricted: [],
  },
  {
    key: 'leo',
    child: { givenName: 'Leo', familyName: 'Turner', dateOfBirth: '2025-08-10', nhsNumber: '9995120682' },
    leadEmail: 'lead@csc.example.org',
    memberAgencies: [
      'oxfordshire-csc',
      'thames-valley-police',
      'oxford-health-hv',
      'east-oxford-gp',
      'ouh-acute',
      'oxfordshire-domestic-abuse-service',
      'northway-primary',
    ],
    csvFile: 'leo-turner.csv',
    screeningCsvFile: 'leo-turner-screening.csv',
    restricted: [
      {
        agency: 'thames-valley-police',
        date: '2025-11-10',
        category: 'other',
        summary: "Intelligence: Leo's father Liam Reid was investigated for assaulting a former partner in 2019 (no further action)",
        detail:
          'The former partner withdrew support for a prosecution. Liam also has a 2021 conviction for drink driving. Held for police use; relevant information shared at the strategy discussion.',
        impactOnChild: "Pattern of violence and alcohol misuse relevant to Leo's safety.",
        actionTaken: 'Considered at MARAC and in the bail decision.',
        sourceRef: 'TVP Niche intelligence 25/1110/INT/0872',
        authorEmail: 'police@tvp.example.org',
      },
      {
        agency: 'oxfordshire-domestic-abuse-service',
        date: '2025-11-20',
        category: 'other',
        summary: "MARAC safety plan for Jade: safe contact arrangements and emergency plan (held by OxDAS only)",
        detail:
          "Contact only on Jade's own phone after 14:00. Kirsty's address is the agreed place of safety for Jade, Kai and Leo. Panic alarm requested from TVP.",
        impactOnChild: 'A clear plan to keep Leo and Kai safe in an emergency.',
        actionTaken: 'Reviewed weekly with Jade.',
        sourceRef: 'OxDAS case record 25-0310',
        authorEmail: 'idva@oxdas.example.org',
      },
    ],
  },
];

export const DEMO_HOUSEHOLDS: DemoHousehold[] = [
  {
    name: 'Turner household',
    children: [
      { key: 'kai', relationship: 'half-sibling' },
      { key: 'leo', relationship: 'half-sibling', from: '2025-08-10' },
    ],
    // After the plan ended (October 2026) Liam asked to move back home; in the fortnight before the Child in
    // Need meeting of 19 November the police are called to the home twice and the landlord serves notice:
    // events of the whole household, recorded once each (issue 14), a copy on Leo's and on Kai's timeline,
    // so the household-event-cluster rule has something to see. (Liam's arrest at the home on 27 November,
    // after Jade said there had been no contact, is in each child's own CSV, as the police wrote it then.)
    events: [
      {
        authorEmail: 'police@tvp.example.org',
        date: '2026-11-06',
        time: '23:05',
        category: 'domestic-abuse-incident',
        summary: 'Police called to the family home: neighbour heard shouting; Liam present, against the written agreement',
        detail: 'Liam said he had come to see the boys and left when asked. Jade said there had been an argument about money; no assault alleged. Kai awake on the landing; Leo asleep.',
        impactOnChild: 'Both boys in the home during an argument between the adults; Kai frightened.',
        actionTaken: 'DASH standard. Liam left the address. Notification to MASH and Operation Encompass (Northway Primary).',
        sourceRef: 'TVP STORM 2026-1106-1411',
        recordedBy: 'PC 7312 Harris',
      },
      {
        authorEmail: 'lead@csc.example.org',
        date: '2026-11-12',
        category: 'housing-change',
        summary: 'Landlord served Jade notice seeking possession (rent arrears and complaints of noise); family at risk of eviction',
        detail: 'Housing association notice received by Jade; she says arrears built up while Liam was living elsewhere and not contributing. Hearing not yet listed.',
        impactOnChild: 'Risk of the children losing their home and Kai having to change school.',
        actionTaken: 'Referral to the district council housing options team; Child in Need plan to be reviewed.',
        sourceRef: 'CSC case note 2026-11-12',
      },
      {
        authorEmail: 'police@tvp.example.org',
        date: '2026-11-15',
        time: '01:40',
        category: 'domestic-abuse-incident',
        summary: 'Second police call-out to the home in ten days: Liam banging on the door at night; left before officers arrived',
        detail: "Jade called 999; she did not open the door. Both children woken. Liam spoken to at his mother's address the next morning and warned.",
        impactOnChild: 'Both children woken and frightened at night; Kai told officers he hides under his bed when Liam shouts.',
        actionTaken: 'DASH medium. Words of advice to Liam. Notification to MASH and Operation Encompass.',
        sourceRef: 'TVP STORM 2026-1115-0112',
        recordedBy: 'PC 4521 Okonjo',
      },
      {
        authorEmail: 'lead@csc.example.org',
        date: '2026-11-18',
        category: 'housing-change',
        summary: 'Council accepted a homelessness prevention duty for Jade and the boys; advice on the possession claim arranged',
        detail: 'Housing options officer met Jade; a payment plan for the arrears to be put to the landlord.',
        impactOnChild: 'The children may still have to move; their school place is to be kept if they do.',
        actionTaken: 'Housing to be discussed at the Child in Need meeting on 19 November.',
        sourceRef: 'CSC case note 2026-11-18',
      },
    ],
  },
];

/**
 * The adults around the Turner children (issue 14 item 3), each recorded by an agency that knows them, on
 * the chronologies named, and named on the entries about them (by the summary's opening words, by the
 * entry's own agency). Liam is recorded twice, once on each child's chronology (by the police on Leo's, by
 * the school on Kai's) with the same name and date of birth, so the lead is offered to merge the records;
 * the police flag him as a risk to children. His history runs across both children's timelines: the
 * domestic incidents of 2025, a year without concerns, then found at the home days after Jade said she
 * had no contact with him (what the family rule `known-adult-returns` looks for).
 */
export interface DemoPerson {
  key: string;
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  /** Who records the person, and on which children's chronologies (one record linked to each). */
  addedBy: string;
  links: Array<{ child: string; relationship: 'mother' | 'father' | 'partner-of-mother' | 'partner-of-father' | 'grandparent' | 'sibling-adult' | 'other' }>;
  flags: Array<{ kind: 'poses-risk-to-children' | 'domestic-abuse-perpetrator' | 'court-order' | 'violence-to-staff' | 'other-concern'; reason: string; sharing: 'professionals' | 'agency'; byEmail: string }>;
  /** Entries naming the person: the child's chronology and the opening words of the entry's summary. */
  namedOn: Array<{ child: string; summaryStartsWith: string }>;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    key: 'jade',
    givenName: 'Jade',
    familyName: 'Turner',
    dateOfBirth: '1998-02-14',
    addedBy: 'lead@csc.example.org',
    links: [
      { child: 'kai', relationship: 'mother' },
      { child: 'leo', relationship: 'mother' },
    ],
    flags: [],
    namedOn: [
      { child: 'leo', summaryStartsWith: 'Unannounced visit: Jade said she has had no contact with Liam' },
      { child: 'leo', summaryStartsWith: 'Neighbour called police to shouting at the home' },
      { child: 'kai', summaryStartsWith: 'Neighbour called police to shouting at the home' },
    ],
  },
  {
    key: 'liam',
    givenName: 'Liam',
    familyName: 'Reid',
    dateOfBirth: '1994-09-21',
    addedBy: 'police@tvp.example.org',
    links: [{ child: 'leo', relationship: 'father' }],
    flags: [{ kind: 'poses-risk-to-children', reason: 'Breach of restraining order', sharing: 'professionals', byEmail: 'police@tvp.example.org' }],
    namedOn: [
      { child: 'leo', summaryStartsWith: 'Domestic incident: Liam punched a door' },
      { child: 'leo', summaryStartsWith: 'Liam pushed Jade during an argument' },
      { child: 'leo', summaryStartsWith: 'Unannounced visit: Jade said she has had no contact with Liam' },
      { child: 'leo', summaryStartsWith: 'Neighbour called police to shouting at the home' },
    ],
  },
  {
    // The same man, recorded again on Kai's chronology by the school: the merge suggestion's other half.
    key: 'liam-on-kai',
    givenName: 'Liam',
    familyName: 'Reid',
    dateOfBirth: '1994-09-21',
    addedBy: 'dsl@school.example.org',
    links: [{ child: 'kai', relationship: 'partner-of-mother' }],
    flags: [],
    namedOn: [
      { child: 'kai', summaryStartsWith: 'Domestic incident at home: Liam punched a door' },
      { child: 'kai', summaryStartsWith: 'Liam pushed Jade during an argument' },
      { child: 'kai', summaryStartsWith: 'Neighbour called police to shouting at the home' },
    ],
  },
];
