import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_GROUPS } from '@mac/domain';
import { GROUP_STYLES, categoryLabel, categoryStyle } from './category-style.js';

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

describe('category styles', () => {
  it('gives every group a style, in the taxonomy order', () => {
    expect(GROUP_STYLES.map((s) => s.group)).toEqual(CATEGORY_GROUPS.map((g) => g.slug));
  });

  it('never relies on colour alone: each group has its own symbol', () => {
    const shapes = new Set(GROUP_STYLES.map((s) => s.shape));
    expect(shapes.size).toBe(GROUP_STYLES.length);
  });

  it('draws with at least 3:1 contrast against white (WCAG 1.4.11)', () => {
    for (const s of GROUP_STYLES) {
      const ratio = (1.05) / (luminance(s.colour) + 0.05);
      expect(ratio, s.group).toBeGreaterThanOrEqual(3);
    }
  });

  it('styles every category and falls back to "other" for an unknown slug', () => {
    for (const c of CATEGORIES) expect(categoryStyle(c.slug).group).toBe(c.group);
    expect(categoryStyle('no-such-category').group).toBe('other');
    expect(categoryLabel('no-such-category')).toBe('no-such-category');
  });
});
