import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.js';

let t: TestDatabase;
beforeEach(() => {
  t = openTestDatabase();
});
afterEach(() => t.cleanup());

describe('docClients', () => {
  it('records the first owner of each client id, per document, and never replaces it', () => {
    t.repos.docClients.claim('doc-a', [1, 2], 'police-1');
    t.repos.docClients.claim('doc-a', [2, 3], 'school-1');
    t.repos.docClients.claim('doc-b', [1], 'school-1');
    expect(t.repos.docClients.owners('doc-a')).toEqual(
      new Map([
        [1, 'police-1'],
        [2, 'police-1'],
        [3, 'school-1'],
      ]),
    );
    expect(t.repos.docClients.owners('doc-b')).toEqual(new Map([[1, 'school-1']]));
    expect(t.repos.docClients.owners('missing')).toEqual(new Map());
  });

  it('keeps 32-bit client ids exactly', () => {
    t.repos.docClients.claim('doc-a', [2 ** 32 - 1, 0], 'police-1');
    expect([...t.repos.docClients.owners('doc-a').keys()].sort()).toEqual([0, 2 ** 32 - 1]);
  });

  it('claims inside the caller transaction: a rollback takes the claim with it', () => {
    expect(() =>
      t.db.tx(() => {
        t.repos.docClients.claim('doc-a', [7], 'police-1');
        throw new Error('projection failed');
      }),
    ).toThrow('projection failed');
    expect(t.repos.docClients.owners('doc-a')).toEqual(new Map());
  });
});
