import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newYDoc } from './new-doc.js';

describe('newYDoc', () => {
  it('makes garbage-collected documents, each with its own guid and client id, that exchange updates like any other', () => {
    const a = newYDoc();
    const b = newYDoc();
    expect(a.gc).toBe(true);
    expect(newYDoc({ gc: false }).gc).toBe(false);
    expect(a.guid).not.toBe(b.guid);
    expect(a.guid).toMatch(/^[0-9a-f-]{36}$/);
    a.getMap('entries').set('x', 'y');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(b.getMap('entries').get('x')).toBe('y');
  });
});
