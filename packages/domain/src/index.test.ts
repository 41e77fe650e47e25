import { describe, expect, it } from 'vitest';
import * as domain from './index.js';
import * as testing from './testing.js';

describe('package surface', () => {
  it('exports what other packages rely on', () => {
    for (const name of [
      'AGENCY_KINDS', 'CATEGORIES', 'CATEGORY_GROUPS', 'categoryBySlug', 'findCategory', 'isConcern', 'categoriesInGroup', 'findAgency',
      'parseChronoDate', 'canonicalDate', 'formatChronoDate', 'precisionOf', 'dateBounds', 'epochDay', 'isoFromEpochDay', 'todayIso',
      'compareEntries', 'sortEntries', 'ageAt', 'formatAge', 'ageAtEntry',
      'ENTRY_FIELDS', 'IMMUTABLE_FIELDS', 'LIMITS', 'entrySchema', 'entryInputSchema', 'entryPatchSchema', 'withdrawSchema',
      'newEntry', 'applyPatch', 'withdrawEntry', 'fieldErrors',
      'isValidNhsNumber', 'normaliseNhsNumber', 'formatNhsNumber', 'isValidUpn',
      'decide', 'visibleEntry', 'assertNever',
      'EXCHANGE_COLUMNS', 'EXPORT_COLUMNS', 'parseExchangeCsv', 'toExchangeCsv', 'neutraliseCell',
      'PACK_KINDS', 'PACK_FORMATS', 'WITHHELD_REASONS', 'packRowSchema', 'packHighlightSchema', 'packPreviewSchema',
      'PASSWORD_MIN', 'PASSWORD_MAX',
      'evaluatePatterns',
    ]) {
      expect(domain, name).toHaveProperty(name);
    }
    for (const name of ['buildEntry', 'buildPrincipal', 'buildChronology', 'buildAgency', 'TEST_AGENCIES', 'testUuid']) {
      expect(testing, name).toHaveProperty(name);
    }
  });

  it('builds valid, distinct entries', () => {
    const a = testing.buildEntry();
    const b = testing.buildEntry({ summary: 'Other' });
    expect(domain.entrySchema.parse(a)).toEqual(a);
    expect(domain.entrySchema.parse(b).summary).toBe('Other');
    expect(a.id).not.toBe(b.id);
  });
});
