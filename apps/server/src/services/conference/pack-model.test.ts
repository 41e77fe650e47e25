import { describe, expect, it } from 'vitest';
import { packPreviewSchema } from '@mac/domain';
import { buildEntry, TEST_AGENCIES, testUuid } from '@mac/domain/testing';
import type { ReviewedHighlight } from '../patterns.js';
import { ageText, buildPackModel, contributingAgencies, describeWithheld, familyHighlights, rowsAsEntries, type PackInput, type PackSelection } from './pack-model.js';
import { diffEntries } from './snapshots.js';

const selection = (over: Partial<PackSelection> = {}): PackSelection => ({ kind: 'family', conferenceDate: '2024-06-01', from: null, to: null, agencies: null, household: false, ...over });

const shared = buildEntry({ date: '2024-01-05', summary: 'Shared with the family', sourceRef: 'STORM 1', recordedBy: 'PC Jones' });
const proOnly = buildEntry({ date: '2024-02-05', summary: 'Professionals only', sharing: 'professionals', sharingReason: 'Names the neighbour who called' });
const withdrawn = buildEntry({ date: '2024-03-05', summary: 'Recorded in error', status: 'withdrawn', withdrawnReason: 'Wrong child' });
const restricted = buildEntry({ date: '2024-03-06', summary: 'Restricted', restricted: true, agency: 'oxfordshire-csc' });
const school = buildEntry({ date: '2023-11', agency: 'northway-primary', category: 'other', summary: 'A month-precision school entry' });
const undecided = buildEntry({ date: '2024-04-01', summary: 'Nobody has decided about the family yet', sharing: 'undecided' });

function highlight(over: Partial<ReviewedHighlight>): ReviewedHighlight {
  return {
    id: `h-${testUuid()}`,
    ruleId: 'repeated-concern',
    severity: 'medium',
    title: 'Repeated concern of one kind',
    explanation: 'Three domestic abuse incidents in a year.',
    entryIds: [shared.id],
    agencies: ['thames-valley-police'],
    window: { from: '2024-01-05', to: '2024-03-05' },
    thresholds: {},
    coarseEntryIds: [],
    review: null,
    reopened: false,
    ...over,
  } as ReviewedHighlight;
}

const input = (over: Partial<PackInput> = {}): PackInput => ({
  selection: selection(),
  shared: [shared, proOnly, withdrawn, school, undecided],
  ownRestricted: [restricted],
  highlights: [],
  agencies: TEST_AGENCIES,
  dateOfBirth: '2020-02-29',
  ...over,
});

describe('pack contents', () => {
  it('the family version holds only active, non-restricted, family-shared entries, and counts the rest by reason', () => {
    const model = buildPackModel(input());
    expect(model.rows.map((r) => r.entryId)).toEqual([school.id, shared.id]);
    expect(model.withheld).toEqual({ 'professionals-only': 1, undecided: 1, restricted: 1, withdrawn: 1 });
    expect(model.withheldSummary).toBe('1 professionals-only, 1 undecided, 1 restricted, 1 withdrawn');
  });

  it('the family version withholds an entry nobody has decided about, and any sharing value it does not know', () => {
    const unknown = buildEntry({ date: '2024-04-02', summary: 'From a future version', sharing: 'everyone' as never });
    const model = buildPackModel(input({ shared: [undecided, unknown], ownRestricted: [] }));
    expect(model.rows).toEqual([]);
    expect(model.withheld.undecided).toBe(2);
  });

  it('the professional version adds professionals-only and undecided entries, marked with their reason, but never restricted or withdrawn ones', () => {
    const model = buildPackModel(input({ selection: selection({ kind: 'professional' }) }));
    expect(model.rows.map((r) => r.entryId)).toEqual([school.id, shared.id, proOnly.id, undecided.id]);
    expect(model.rows[2]!.professionalsOnly).toEqual({ reason: 'Names the neighbour who called' });
    expect(model.rows[1]!.source).toEqual({ sourceRef: 'STORM 1', recordedBy: 'PC Jones' });
    expect(model.withheld).toEqual({ 'professionals-only': 0, undecided: 0, restricted: 1, withdrawn: 1 });
  });

  it('a family row is an allow-list: no source, no author, no sharing reason, whatever the entry holds', () => {
    const [row] = buildPackModel(input({ shared: [shared], ownRestricted: [] })).rows;
    expect(Object.keys(row!).sort()).toEqual(
      ['actionTaken', 'ageText', 'agency', 'agencyName', 'category', 'categoryLabel', 'childsVoice', 'date', 'dateText', 'detail', 'entryId', 'impactOnChild', 'recordedAt', 'summary', 'time'].sort(),
    );
    expect(JSON.stringify(row)).not.toMatch(/STORM 1|PC Jones|user-1/);
  });

  it('selects by date interval overlap and by agency, apart from what is withheld', () => {
    const model = buildPackModel(input({ selection: selection({ from: '2023-11-30', to: '2024-01-31', agencies: ['northway-primary', 'thames-valley-police'] }) }));
    // The November 2023 entry covers 1–30 November, so it overlaps a range starting on the 30th.
    expect(model.rows.map((r) => r.entryId)).toEqual([school.id, shared.id]);
    expect(model.notSelected).toEqual({ outsideDates: 4, agencyNotIncluded: 0 });
    const police = buildPackModel(input({ selection: selection({ agencies: ['thames-valley-police'] }) }));
    expect(police.rows.map((r) => r.entryId)).toEqual([shared.id]);
    expect(police.notSelected.agencyNotIncluded).toBe(2);
    expect(police.withheld.undecided).toBe(1);
  });

  it('shows the date, age, agency name and category label as a reader needs them', () => {
    const row = buildPackModel(input({ shared: [buildEntry({ date: '2024-03-01', time: '09:05' })], ownRestricted: [] })).rows[0]!;
    expect(row).toMatchObject({ dateText: '1 Mar 2024 09:05', ageText: '4 years', agencyName: 'Thames Valley Police', categoryLabel: 'Domestic abuse incident' });
    expect(ageText('2020-02-29', '2019-12')).toBe('before birth');
    expect(ageText(null, '2019-12')).toBe('');
  });

  it('keeps a highlight only when all its entries are in the pack; the family version drops review notes and dismissed highlights', () => {
    const review = { status: 'reviewed' as const, note: 'Discussed with Ms Smith', by: 'u1', byName: 'Priya Shah', at: '2024-04-01T10:00:00Z' };
    const highlights = [
      highlight({ id: 'whole', entryIds: [shared.id, school.id], agencies: ['thames-valley-police', 'northway-primary'], review }),
      highlight({ id: 'partly-professional', entryIds: [shared.id, proOnly.id] }),
      highlight({ id: 'dismissed', review: { ...review, status: 'dismissed', note: 'Not a concern' } }),
    ];
    // Here the engine finds the same patterns in the family-visible entries.
    const family = buildPackModel(input({ highlights, familyOnlyHighlights: highlights }));
    expect(family.highlights.map((h) => h.id)).toEqual(['whole']);
    expect(family.highlights[0]).not.toHaveProperty('review');
    expect(family.highlights[0]!.agencyNames).toEqual(['Thames Valley Police', 'Northway Primary School']);
    expect(JSON.stringify(family.highlights)).not.toMatch(/Ms Smith|Priya Shah/);
    expect(family.highlightsLeftOut).toEqual({ entriesNotInPack: 1, dismissed: 1 });

    const professional = buildPackModel(input({ highlights, selection: selection({ kind: 'professional' }) }));
    expect(professional.highlights.map((h) => h.id)).toEqual(['whole', 'partly-professional', 'dismissed']);
    expect(professional.highlights[0]!.review).toMatchObject({ note: 'Discussed with Ms Smith', byName: 'Priya Shah' });
  });

  it('builds exactly the shape the preview declares (@mac/domain packPreviewSchema): no stray field, not even the reviewer id', () => {
    const review = { status: 'reviewed' as const, note: 'n', by: 'u1', byName: 'Priya Shah', at: '2024-04-01T10:00:00Z' };
    const highlights = [highlight({ id: 'whole', entryIds: [shared.id, school.id], agencies: ['thames-valley-police', 'northway-primary'], review })];
    const contents = packPreviewSchema.omit({ conferenceDate: true, options: true, version: true });
    for (const kind of ['family', 'professional'] as const) {
      const model = buildPackModel(input({ highlights, familyOnlyHighlights: highlights, selection: selection({ kind }) }));
      expect(model.highlights).toHaveLength(1);
      expect(contents.parse(model), kind).toEqual(model);
    }
  });

  it('the family takes its highlights from the family-visible entries alone, only those professionals also see', () => {
    const review = { status: 'dismissed' as const, note: 'n', by: 'u', byName: 'N', at: '2024-01-01T00:00:00Z' };
    const professional = [highlight({ id: 'same', explanation: '4 concerns, against 1 before', review }), highlight({ id: 'professional-only' })];
    const familyOnly = [highlight({ id: 'same', explanation: '4 concerns, against none before' }), highlight({ id: 'family-only' })];
    const out = familyHighlights(professional, familyOnly);
    expect(out.map((h) => [h.id, h.explanation, h.review?.status])).toEqual([['same', '4 concerns, against none before', 'dismissed']]);
  });

  it('names as contributing only the agencies that have a row, never one whose entries were all withheld', () => {
    const hidden = buildEntry({ agency: 'oxford-health-visiting', sharing: 'professionals', sharingReason: 'Risk to the mother' });
    const model = buildPackModel(input({ shared: [shared, hidden, school] }));
    expect(contributingAgencies(model, ['oxfordshire-csc', 'northway-primary', 'thames-valley-police', 'oxford-health-visiting']).map((a) => a.slug)).toEqual([
      'northway-primary',
      'thames-valley-police',
    ]);
  });

  it('the CSV entries of a family pack carry no source, recorder or author', () => {
    const [entry] = rowsAsEntries(buildPackModel(input({ shared: [shared], ownRestricted: [] })).rows);
    expect(entry).toMatchObject({ id: shared.id, sourceRef: '', recordedBy: '', authorId: '', sharing: 'family', status: 'active' });
  });

  it('describes what is withheld in words', () => {
    expect(describeWithheld({ 'professionals-only': 3, undecided: 0, restricted: 2, withdrawn: 0 })).toBe('3 professionals-only, 2 restricted');
    expect(describeWithheld({ 'professionals-only': 1, undecided: 4, restricted: 0, withdrawn: 0 })).toBe('1 professionals-only, 4 undecided');
    expect(describeWithheld({ 'professionals-only': 0, undecided: 0, restricted: 0, withdrawn: 0 })).toBe('nothing withheld');
  });
});

describe('changes since a snapshot', () => {
  it('lists new, amended and withdrawn entries with each changed field', () => {
    const a = buildEntry({ summary: 'A' });
    const b = buildEntry({ summary: 'B' });
    const c = buildEntry({ summary: 'C' });
    const d = buildEntry({ summary: 'D' });
    const added = buildEntry({ summary: 'New' });
    const addedThenWithdrawn = buildEntry({ summary: 'New, withdrawn', status: 'withdrawn', withdrawnReason: 'Duplicate' });
    const diff = diffEntries(
      [a, b, c, d],
      [a, { ...b, detail: 'More detail' }, { ...c, status: 'withdrawn', withdrawnReason: 'Wrong child' }, d, added, addedThenWithdrawn],
    );
    expect(diff.added.map((e) => e.summary)).toEqual(['New']);
    expect(diff.amended).toEqual([{ entry: { ...b, detail: 'More detail' }, changes: { detail: { from: '', to: 'More detail' } } }]);
    expect(diff.withdrawn.map((w) => [w.entry.summary, w.reason, w.newSinceSnapshot])).toEqual([
      ['C', 'Wrong child', false],
      ['New, withdrawn', 'Duplicate', true],
    ]);
  });
});
