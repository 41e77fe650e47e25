import { describe, expect, it } from 'vitest';
import {
  AGENCY_KINDS,
  CATEGORIES,
  CATEGORY_GROUPS,
  categoriesInGroup,
  categoryBySlug,
  findAgency,
  findCategory,
  isConcern,
  type Agency,
} from './taxonomy.js';

describe('taxonomy', () => {
  it('holds the 16 agency kinds and 46 categories (the shared vocabulary, the screening, plan and follow-up categories, and serious harm or death)', () => {
    expect(AGENCY_KINDS).toHaveLength(16);
    expect(CATEGORIES).toHaveLength(46);
    for (const slug of [
      'child-in-need-plan-start', 'child-in-need-plan-end', 'case-closed', 'section-47-enquiry', 'return-home-interview',
      'paediatric-assessment', 'marac-referral', 'domestic-abuse-risk-assessment', 'neglect-assessment', 'exploitation-screening',
    ]) {
      // Follow-ups and results are not concerns in themselves: they would double-count the concern they follow.
      expect(isConcern(slug), slug).toBe(false);
      expect(categoryBySlug(slug)?.description, slug).toBeTruthy();
    }
    expect(AGENCY_KINDS.find((k) => k.slug === 'acute-health')).toEqual({
      slug: 'acute-health',
      label: 'Acute hospital / A&E',
      cinReferralSource: '3E',
    });
  });

  it('has unique slugs and labels', () => {
    expect(new Set(CATEGORIES.map((c) => c.slug)).size).toBe(CATEGORIES.length);
    expect(new Set(CATEGORIES.map((c) => c.label.toLowerCase())).size).toBe(CATEGORIES.length);
    expect(new Set(AGENCY_KINDS.map((k) => k.slug)).size).toBe(AGENCY_KINDS.length);
  });

  it('gives every category a one-sentence description and a known group', () => {
    const groups = new Set<string>(CATEGORY_GROUPS.map((g) => g.slug));
    for (const c of CATEGORIES) {
      expect(c.description, c.slug).toMatch(/^[A-Z].{20,200}\.$/);
      expect(groups.has(c.group), c.slug).toBe(true);
    }
  });

  it('lists the groups in order with human labels', () => {
    expect(CATEGORY_GROUPS.map((g) => g.slug)).toEqual([
      'family', 'harm', 'exploitation', 'health', 'education', 'statutory', 'strengths', 'other',
    ]);
    for (const g of CATEGORY_GROUPS) expect(g.label).not.toBe(g.slug);
  });

  it('keeps concern, positive and cin flags as in the spec', () => {
    expect(categoryBySlug('self-harm')).toMatchObject({ concern: true, positive: false, cin: '15A', group: 'health' });
    expect(categoryBySlug('positive-change')).toMatchObject({ concern: false, positive: true, group: 'strengths' });
    expect(categoryBySlug('housing-change')?.cin).toBeUndefined();
    expect(CATEGORIES.filter((c) => c.positive).map((c) => c.slug)).toEqual(['positive-change']);
    expect(CATEGORIES.filter((c) => c.concern)).toHaveLength(23);
  });

  it('finds a category by slug or label, ignoring case and spaces', () => {
    expect(findCategory('self-harm')?.slug).toBe('self-harm');
    expect(findCategory('  SELF-HARM ')?.slug).toBe('self-harm');
    expect(findCategory('a&e / emergency department attendance')?.slug).toBe('emergency-department-attendance');
    expect(findCategory('Was not brought to a health appointment')?.slug).toBe('missed-health-appointment');
    expect(findCategory('self harm')).toBeUndefined();
    expect(findCategory('')).toBeUndefined();
  });

  it('looks up by slug exactly', () => {
    expect(categoryBySlug('Self-Harm')).toBeUndefined();
    expect(categoryBySlug('nope')).toBeUndefined();
  });

  it('says whether a category is a concern (unknown: no)', () => {
    expect(isConcern('neglect-concern')).toBe(true);
    expect(isConcern('child-protection-conference')).toBe(false);
    expect(isConcern('unknown')).toBe(false);
  });

  it('lists the categories of a group in vocabulary order', () => {
    expect(categoriesInGroup('family').map((c) => c.slug)).toEqual([
      'domestic-abuse-incident',
      'parental-mental-health',
      'parental-substance-misuse',
      'domestic-abuse-risk-assessment',
      'marac-referral',
      'new-adult-in-household',
      'housing-change',
    ]);
    expect(categoriesInGroup('other').map((c) => c.slug)).toEqual(['other']);
  });

  it('finds a partnership agency by slug or name, ignoring case', () => {
    const agencies: Agency[] = [
      { slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' },
      { slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' },
    ];
    expect(findAgency(agencies, 'thames-valley-police')?.slug).toBe('thames-valley-police');
    expect(findAgency(agencies, ' THAMES VALLEY POLICE ')?.slug).toBe('thames-valley-police');
    expect(findAgency(agencies, 'northway primary school')?.slug).toBe('northway-primary');
    expect(findAgency(agencies, 'Northway')).toBeUndefined();
    expect(findAgency(agencies, '')).toBeUndefined();
  });
});
