import { describe, expect, it } from 'vitest';
import { orderHighlights } from './highlight-order.js';

const h = (id: string, severity: 'medium' | 'high', to: string) => ({ id, severity, title: id, window: { from: '2020-01-01', to } });

describe('highlight order', () => {
  it('puts high severity first, then the most recent', () => {
    const ordered = orderHighlights([h('a', 'medium', '2024-01-01'), h('b', 'high', '2022-01-01'), h('c', 'high', '2023-06-01'), h('d', 'medium', '2024-05-01')]);
    expect(ordered.map((x) => x.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});
