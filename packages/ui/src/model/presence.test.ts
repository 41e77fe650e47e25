import { describe, expect, it } from 'vitest';
import { groupPresence, readPeerState } from './presence.js';

const user = (id: string, name: string, agency = 'thames-valley-police') => ({ id, name, agency, agencyName: 'Thames Valley Police' });

describe('presence', () => {
  it('ignores states without a server-stamped user, and malformed ones', () => {
    expect(readPeerState(1, { viewing: 'x' })).toBeNull();
    expect(readPeerState(1, { user: { id: 'u', name: '' , agency: 'a' } })).toBeNull();
    expect(readPeerState(1, null)).toBeNull();
    expect(readPeerState(1, { user: user('u', 'Sam'), viewing: 42, editing: 'e1' })).toMatchObject({ viewing: null, editing: 'e1' });
  });

  it('reads a presenter state and rejects a nonsensical range', () => {
    const p = readPeerState(2, { user: user('u', 'Lead'), follow: { presenting: true, filters: 'agency=x', range: { from: 10, to: 5 }, selected: 'e1' } });
    expect(p?.follow).toEqual({ presenting: true, filters: 'agency=x', range: null, selected: 'e1', highlight: null });
    expect(readPeerState(2, { user: user('u', 'Lead'), follow: { presenting: false } })?.follow).toBeNull();
  });

  it('groups windows by person, leaves this window out and flags my other windows', () => {
    const states: Array<[number, unknown]> = [
      [1, { user: user('me', 'Me') }],
      [2, { user: user('me', 'Me'), viewing: 'e9' }],
      [3, { user: user('a', 'Alex', 'northway-primary'), editing: 'e1' }],
      [4, { user: user('a', 'Alex', 'northway-primary'), editing: 'e2' }],
      [5, { user: user('b', 'Bea'), viewing: 'e1' }],
    ];
    const presence = groupPresence(states, new Set([1]), 'me');
    expect(presence.people.map((p) => [p.name, p.self, p.clientIds.length])).toEqual([
      ['Alex', false, 2],
      ['Bea', false, 1],
      ['Me', true, 1],
    ]);
    expect(presence.editingByEntry.get('e1')?.map((p) => p.name)).toEqual(['Alex']);
    expect(presence.viewingByEntry.get('e1')?.map((p) => p.name)).toEqual(['Bea']);
  });

  it('says who is adding an entry, from any of their windows; only a literal true counts', () => {
    const states: Array<[number, unknown]> = [
      [3, { user: user('a', 'Alex'), adding: true }],
      [4, { user: user('a', 'Alex'), viewing: 'e2' }],
      [5, { user: user('b', 'Bea'), adding: 'yes' }],
    ];
    const presence = groupPresence(states, new Set(), 'me');
    expect(presence.people.map((p) => [p.name, p.adding])).toEqual([
      ['Alex', true],
      ['Bea', false],
    ]);
  });

  it('lists presenters', () => {
    const states: Array<[number, unknown]> = [[7, { user: user('l', 'Lee'), follow: { presenting: true, filters: '', range: { from: 1, to: 2 } } }]];
    const presence = groupPresence(states, new Set(), 'me');
    expect(presence.presenters.map((p) => p.name)).toEqual(['Lee']);
    expect(presence.presenters[0]!.presenting?.follow?.range).toEqual({ from: 1, to: 2 });
  });
});
