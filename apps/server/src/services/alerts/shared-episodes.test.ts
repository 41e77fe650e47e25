import { describe, expect, it } from 'vitest';
import type { SiblingRead } from '../family-patterns.js';
import { sharedEpisodes, type Recipient } from './shared-episodes.js';

const user = (id: string, agencySlug: string, role = 'dsl'): Recipient => ({ id, role, agencySlug });
const read: SiblingRead = { chronologyId: 'sibling', for: 'child', entryIds: ['e1', 'e2'] };

function harness(grants: Record<string, string[]> = {}, reads: readonly SiblingRead[] = [read]) {
  const computed: string[] = [];
  const accounted: Array<[string, readonly SiblingRead[]]> = [];
  const episodesOf = sharedEpisodes({
    grantsOf: async (u) => grants[u.id] ?? [],
    compute: async (u) => {
      computed.push(u.id);
      return { value: `as ${u.id} sees it`, siblingReads: reads };
    },
    account: async (u, r) => void accounted.push([u.id, r]),
  });
  return { episodesOf, computed, accounted };
}

describe('alert episodes shared between recipients who see alike', () => {
  it('works them out once per agency and role; each other recipient has the sibling reads written under their own name', async () => {
    const { episodesOf, computed, accounted } = harness();
    const got = [];
    for (const u of [user('a1', 'school'), user('a2', 'school'), user('lead', 'school', 'lead'), user('p1', 'police'), user('a3', 'school')]) got.push(await episodesOf(u));
    expect(computed).toEqual(['a1', 'lead', 'p1']);
    expect(got).toEqual(['as a1 sees it', 'as a1 sees it', 'as lead sees it', 'as p1 sees it', 'as a1 sees it']);
    // a1, lead and p1 had theirs audited as they read (compute); a2 and a3 are given a1's result.
    expect(accounted).toEqual([['a2', [read]], ['a3', [read]]]);
  });

  it('a recipient holding break-glass grants (which open other chronologies) sees for themselves, unless the grants are the same', async () => {
    const { episodesOf, computed } = harness({ a2: ['other'], a3: ['other'], a4: ['x', 'other'], a5: ['other', 'x', 'x'] });
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) await episodesOf(user(id, 'school'));
    expect(computed).toEqual(['a1', 'a2', 'a4']);
  });

  it('no sibling reads: nothing to write for the others', async () => {
    const { episodesOf, computed, accounted } = harness({}, []);
    await episodesOf(user('a1', 'school'));
    await episodesOf(user('a2', 'school'));
    expect(computed).toEqual(['a1']);
    expect(accounted).toEqual([]);
  });
});
