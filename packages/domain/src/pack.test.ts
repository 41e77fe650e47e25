import { describe, expect, it } from 'vitest';
import { PACK_FORMATS, PACK_KINDS, WITHHELD_REASONS, packHighlightSchema, packPreviewSchema, packRowSchema, type PackHighlight, type PackPreview, type PackRow } from './pack.js';

const familyRow: PackRow = {
  entryId: '00000000-0000-4000-8000-000000000001',
  date: '2024-03-01',
  time: '09:05',
  recordedAt: '2024-03-01T10:00:00.000Z',
  dateText: '1 Mar 2024 09:05',
  ageText: '4 years',
  agency: 'thames-valley-police',
  agencyName: 'Thames Valley Police',
  category: 'domestic-abuse-incident',
  categoryLabel: 'Domestic abuse incident',
  summary: 'Police attended a verbal argument',
  detail: '',
  impactOnChild: '',
  actionTaken: '',
  childsVoice: '',
};

const familyHighlight: PackHighlight = {
  id: 'repeated-concern:2024-01-05:abc',
  title: 'Repeated concern of one kind',
  severity: 'medium',
  explanation: 'Three domestic abuse incidents in a year.',
  window: { from: '2024-01-05', to: '2024-03-15' },
  agencyNames: ['Thames Valley Police'],
  entryIds: [familyRow.entryId],
};

const preview = (over: Partial<PackPreview> = {}): PackPreview => ({
  kind: 'family',
  conferenceDate: '2024-06-12',
  options: { from: null, to: null, agencies: null },
  version: '12',
  rows: [familyRow],
  highlights: [familyHighlight],
  withheld: { 'professionals-only': 2, undecided: 0, restricted: 1, withdrawn: 0 },
  withheldSummary: '2 professionals-only, 1 restricted',
  notSelected: { outsideDates: 0, agencyNotIncluded: 0 },
  highlightsLeftOut: { entriesNotInPack: 1, dismissed: 0 },
  ...over,
});

describe('pack preview shapes', () => {
  it('names the kinds, formats and reasons for withholding', () => {
    expect(PACK_KINDS).toEqual(['professional', 'family']);
    expect(PACK_FORMATS).toEqual(['pdf', 'csv']);
    expect(WITHHELD_REASONS).toEqual(['professionals-only', 'undecided', 'restricted', 'withdrawn']);
  });

  it('accepts a family preview: rows without source, highlights without review', () => {
    expect(packPreviewSchema.parse(preview())).toEqual(preview());
  });

  it('accepts a professional preview: sources, professionals-only reasons, reviews (or null) and reopened', () => {
    const professional = preview({
      kind: 'professional',
      options: { from: '2024-01-01', to: '2024-04-30', agencies: ['thames-valley-police'] },
      rows: [{ ...familyRow, source: { sourceRef: 'STORM 1', recordedBy: 'PC Jones' }, professionalsOnly: { reason: 'Names the neighbour' } }],
      highlights: [
        { ...familyHighlight, review: { status: 'reviewed', note: 'Discussed', byName: 'Priya Shah', at: '2024-04-01T10:00:00Z' }, reopened: false },
        { ...familyHighlight, id: 'other', severity: 'high', review: null, reopened: true },
      ],
    });
    expect(packPreviewSchema.parse(professional)).toEqual(professional);
  });

  it('refuses a field it does not declare, at every level: nothing travels in a pack unnoticed', () => {
    expect(packRowSchema.safeParse({ ...familyRow, authorId: 'user-1' }).success).toBe(false);
    expect(packRowSchema.safeParse({ ...familyRow, source: { sourceRef: '', recordedBy: '', authorId: 'user-1' } }).success).toBe(false);
    expect(packHighlightSchema.safeParse({ ...familyHighlight, review: { status: 'reviewed', note: '', by: 'u1', byName: 'N', at: '2024-01-01T00:00:00Z' } }).success).toBe(false);
    expect(packPreviewSchema.safeParse({ ...preview(), entries: [] }).success).toBe(false);
  });

  it('wants every count a whole number of at least 0, and every required field present', () => {
    expect(packPreviewSchema.safeParse(preview({ withheld: { 'professionals-only': -1, undecided: 0, restricted: 0, withdrawn: 0 } })).success).toBe(false);
    expect(packPreviewSchema.safeParse(preview({ notSelected: { outsideDates: 1.5, agencyNotIncluded: 0 } })).success).toBe(false);
    const { recordedAt: _recordedAt, ...withoutRecordedAt } = familyRow;
    expect(packRowSchema.safeParse(withoutRecordedAt).success).toBe(false);
    expect(packHighlightSchema.safeParse({ ...familyHighlight, severity: 'low' }).success).toBe(false);
  });
});
