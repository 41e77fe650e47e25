// Who else is here, from the awareness states of the chronology's documents. Awareness comes from
// other browsers, so every state is read defensively; the user's name and agency are the ones the
// server stamped on the state (`user`), never anything a client wrote about itself.

export interface PresenceUser {
  readonly id: string;
  readonly name: string;
  readonly agency: string;
  readonly agencyName: string;
}

/** What a presenter shares in meeting mode. */
export interface FollowState {
  readonly presenting: boolean;
  /** The presenter's filters as a query string (see filters.ts). */
  readonly filters: string;
  /** The presenter's visible range, in epoch days. */
  readonly range: { readonly from: number; readonly to: number } | null;
  readonly selected: string | null;
  readonly highlight: string | null;
}

export interface PeerState {
  readonly clientId: number;
  readonly user: PresenceUser;
  readonly viewing: string | null;
  readonly editing: string | null;
  /** Writing a new entry (the form is open): no entry to name yet. */
  readonly adding: boolean;
  readonly follow: FollowState | null;
}

export interface Person {
  readonly userId: string;
  readonly name: string;
  readonly agency: string;
  readonly agencyName: string;
  /** The signed-in user in another window or tab. */
  readonly self: boolean;
  readonly clientIds: readonly number[];
  readonly viewing: readonly string[];
  readonly editing: readonly string[];
  /** Writing a new entry in one of their windows. */
  readonly adding: boolean;
  /** The state of the window presenting, if this person presents. */
  readonly presenting: PeerState | null;
}

export interface Presence {
  /** Everyone else, sorted by name. */
  readonly people: readonly Person[];
  readonly editingByEntry: ReadonlyMap<string, readonly Person[]>;
  readonly viewingByEntry: ReadonlyMap<string, readonly Person[]>;
  readonly presenters: readonly Person[];
}

const MAX_TEXT = 300;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT ? value : null;
}

function id(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : null;
}

function readFollow(raw: unknown): FollowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const f = raw as Record<string, unknown>;
  if (f.presenting !== true) return null;
  const range = f.range as Record<string, unknown> | null | undefined;
  const validRange =
    range && typeof range === 'object' && Number.isFinite(range.from) && Number.isFinite(range.to) && (range.from as number) < (range.to as number)
      ? { from: range.from as number, to: range.to as number }
      : null;
  return {
    presenting: true,
    filters: typeof f.filters === 'string' && f.filters.length <= 2000 ? f.filters : '',
    range: validRange,
    selected: id(f.selected),
    highlight: id(f.highlight),
  };
}

/** A state from the wire, or null when it has no server-stamped user or is malformed. */
export function readPeerState(clientId: number, raw: unknown): PeerState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Record<string, unknown>;
  const u = s.user as Record<string, unknown> | undefined;
  if (typeof u !== 'object' || u === null) return null;
  const userId = id(u.id);
  const name = text(u.name);
  const agency = text(u.agency);
  if (!userId || !name || !agency) return null;
  return {
    clientId,
    user: { id: userId, name, agency, agencyName: text(u.agencyName) ?? agency },
    viewing: id(s.viewing),
    editing: id(s.editing),
    adding: s.adding === true,
    follow: readFollow(s.follow),
  };
}

/**
 * Groups awareness states by person (one person may have several windows), leaving out this window.
 * `states` may join several documents' awareness (shared and restricted).
 */
export function groupPresence(
  states: Iterable<readonly [number, unknown]>,
  selfClientIds: ReadonlySet<number>,
  selfUserId: string,
): Presence {
  const byUser = new Map<string, { user: PresenceUser; clientIds: number[]; viewing: Set<string>; editing: Set<string>; adding: boolean; presenting: PeerState | null }>();
  for (const [clientId, raw] of states) {
    if (selfClientIds.has(clientId)) continue;
    const peer = readPeerState(clientId, raw);
    if (!peer) continue;
    let person = byUser.get(peer.user.id);
    if (!person) {
      person = { user: peer.user, clientIds: [], viewing: new Set(), editing: new Set(), adding: false, presenting: null };
      byUser.set(peer.user.id, person);
    }
    if (!person.clientIds.includes(clientId)) person.clientIds.push(clientId);
    if (peer.viewing) person.viewing.add(peer.viewing);
    if (peer.editing) person.editing.add(peer.editing);
    if (peer.adding) person.adding = true;
    if (peer.follow?.presenting && !person.presenting) person.presenting = peer;
  }
  const people: Person[] = [...byUser.values()]
    .map((p) => ({
      userId: p.user.id,
      name: p.user.name,
      agency: p.user.agency,
      agencyName: p.user.agencyName,
      self: p.user.id === selfUserId,
      clientIds: p.clientIds,
      viewing: [...p.viewing],
      editing: [...p.editing],
      adding: p.adding,
      presenting: p.presenting,
    }))
    .sort((a, b) => Number(a.self) - Number(b.self) || a.name.localeCompare(b.name, 'en-GB') || a.userId.localeCompare(b.userId));
  const index = (pick: (p: Person) => readonly string[]) => {
    const map = new Map<string, Person[]>();
    for (const person of people) for (const entryId of pick(person)) map.set(entryId, [...(map.get(entryId) ?? []), person]);
    return map;
  };
  return {
    people,
    editingByEntry: index((p) => p.editing),
    viewingByEntry: index((p) => p.viewing),
    presenters: people.filter((p) => p.presenting !== null),
  };
}

/** "Sam Lee (Northway Primary School)" */
export function personLabel(p: Pick<Person, 'name' | 'agencyName' | 'self'>): string {
  return p.self ? `You, in another window` : `${p.name} (${p.agencyName})`;
}
