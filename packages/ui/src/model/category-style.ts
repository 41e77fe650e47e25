// How each category group is drawn. Colour is never the only cue: every group also has its own
// symbol, named in the legend, so the timeline reads the same in greyscale, on a washed-out
// projector and for people who do not see the colours apart. Colours are GOV.UK palette shades with
// at least 3:1 contrast against white (WCAG 1.4.11, non-text contrast).
import { CATEGORY_GROUPS, categoryBySlug, type CategoryGroup } from '@mac/domain';

export type SymbolShape = 'square' | 'triangle' | 'diamond' | 'circle' | 'hexagon' | 'star' | 'plus' | 'ring';

export interface GroupStyle {
  readonly group: CategoryGroup;
  readonly label: string;
  readonly colour: string;
  readonly shape: SymbolShape;
  /** The symbol's name, for the legend and the text alternative. */
  readonly shapeName: string;
}

const STYLES: Record<CategoryGroup, { colour: string; shape: SymbolShape; shapeName: string }> = {
  family: { colour: '#912b88', shape: 'square', shapeName: 'square' },
  harm: { colour: '#d4351c', shape: 'triangle', shapeName: 'triangle' },
  exploitation: { colour: '#b35900', shape: 'diamond', shapeName: 'diamond' },
  health: { colour: '#1d70b8', shape: 'circle', shapeName: 'circle' },
  education: { colour: '#4c2c92', shape: 'hexagon', shapeName: 'hexagon' },
  statutory: { colour: '#0b0c0c', shape: 'star', shapeName: 'star' },
  strengths: { colour: '#00703c', shape: 'plus', shapeName: 'plus' },
  other: { colour: '#505a5f', shape: 'ring', shapeName: 'ring' },
};

export const GROUP_STYLES: readonly GroupStyle[] = CATEGORY_GROUPS.map((g) => ({
  group: g.slug,
  label: g.label,
  ...STYLES[g.slug],
}));

const byGroup = new Map<string, GroupStyle>(GROUP_STYLES.map((s) => [s.group, s]));
const OTHER = byGroup.get('other')!;

export function groupStyle(group: string): GroupStyle {
  return byGroup.get(group) ?? OTHER;
}

/** The style of an entry's category; an unknown category is drawn as "other" rather than failing. */
export function categoryStyle(categorySlug: string): GroupStyle {
  const category = categoryBySlug(categorySlug);
  return category ? groupStyle(category.group) : OTHER;
}

export function categoryLabel(categorySlug: string): string {
  return categoryBySlug(categorySlug)?.label ?? categorySlug;
}
