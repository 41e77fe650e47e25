// Test builders for every package: a valid value by default, overridden field by field, so a test
// states only what it is about.
import type { Entry } from './entry.js';
import type { ChronologyAccess, Principal } from './permissions.js';
import type { Agency } from './taxonomy.js';

let counter = 0;

/** A fresh, valid (version 4) UUID that sorts in creation order: 00000000-0000-4000-8000-000000000001. */
export function testUuid(n: number = ++counter): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const TEST_AGENCIES: readonly Agency[] = [
  { slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' },
  { slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' },
  { slug: 'oxford-health-visiting', name: 'Oxford Health Visiting', kind: 'health-visiting' },
  { slug: 'oxfordshire-csc', name: "Oxfordshire Children's Social Care", kind: 'childrens-social-care' },
];

export function buildAgency(overrides: Partial<Agency> = {}): Agency {
  return { slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police', ...overrides };
}

export function buildEntry(overrides: Partial<Entry> = {}): Entry {
  return {
    id: testUuid(),
    date: '2023-04-05',
    time: '',
    agency: 'thames-valley-police',
    category: 'domestic-abuse-incident',
    summary: 'Police called to the family home after a neighbour heard shouting',
    detail: '',
    impactOnChild: '',
    actionTaken: '',
    sourceRef: '',
    recordedBy: '',
    restricted: false,
    authorId: 'user-1',
    recordedAt: '2023-04-06T09:00:00.000Z',
    status: 'active',
    withdrawnReason: '',
    sharing: 'family',
    sharingReason: '',
    childsVoice: '',
    seenAlone: '',
    ...overrides,
  };
}

export function buildPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    id: 'user-1',
    kind: 'user',
    role: 'practitioner',
    agency: 'thames-valley-police',
    name: 'Pat Practitioner',
    ...overrides,
  };
}

export function buildChronology(overrides: Partial<ChronologyAccess> = {}): ChronologyAccess {
  return {
    id: 'chronology-1',
    leadUserId: 'lead-1',
    memberAgencies: ['thames-valley-police', 'northway-primary'],
    readOnlyGrants: [],
    ...overrides,
  };
}
