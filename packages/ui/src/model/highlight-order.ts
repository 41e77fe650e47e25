// The order of the patterns panel: high severity first, then the most recent window, so the panel
// opens on what most needs a professional's judgement now.

export interface Orderable {
  readonly id: string;
  readonly severity: 'medium' | 'high';
  readonly title: string;
  readonly window: { readonly from: string; readonly to: string };
}

export function orderHighlights<H extends Orderable>(list: readonly H[]): H[] {
  const rank = (h: H) => (h.severity === 'high' ? 0 : 1);
  return [...list].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.window.to < b.window.to ? 1 : a.window.to > b.window.to ? -1 : 0) ||
      (a.window.from < b.window.from ? 1 : a.window.from > b.window.from ? -1 : 0) ||
      a.title.localeCompare(b.title, 'en-GB') ||
      a.id.localeCompare(b.id),
  );
}
