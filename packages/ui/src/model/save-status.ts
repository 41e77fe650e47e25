// What the status indicator says about one live document, as a reducer over connection events.
// It must never claim more than is true: "All changes saved" only once the server has acknowledged
// every local change. Local changes are counted as transactions, each remembered by the Yjs clock it
// ended at; the server's acknowledgement is the highest clock of ours that it has shown it holds
// (its state vector, or our own changes coming back from it). A refused change is reported in plain
// words and stays on screen until dismissed or until a later change is saved.
import { plural } from '@mac/domain';

export type Connection = 'connecting' | 'online' | 'offline';
export type Ended = 'signed-out' | 'forbidden';

export interface SaveState {
  readonly connection: Connection;
  /** The server's copy and ours have been exchanged since the socket opened. */
  readonly synced: boolean;
  /** Whether the document has ever loaded: before that we are "loading", not "offline". */
  readonly everSynced: boolean;
  /** End clocks of local transactions not yet acknowledged, ascending. */
  readonly pending: readonly number[];
  /** Highest clock of this client the server is known to hold. */
  readonly acked: number;
  readonly refusal: string | null;
  readonly ended: Ended | null;
  /** The server said its storage is full (close 4507): nothing new can be saved until it has room. */
  readonly storageFull: boolean;
  /** The server is short of memory and opens no further document for now (close 4503): its reason, until synced. */
  readonly busy: string | null;
}

export type SaveEvent =
  | { readonly type: 'connecting' }
  | { readonly type: 'online' }
  | { readonly type: 'offline' }
  | { readonly type: 'synced' }
  | { readonly type: 'local'; readonly clock: number }
  | { readonly type: 'ack'; readonly clock: number }
  | { readonly type: 'refused'; readonly message: string }
  | { readonly type: 'storage-full' }
  | { readonly type: 'busy'; readonly message: string }
  /** The local document was replaced by a fresh copy from the server (after a refusal). */
  | { readonly type: 'reset' }
  | { readonly type: 'ended'; readonly why: Ended }
  | { readonly type: 'dismiss' };

export const INITIAL_SAVE_STATE: SaveState = {
  connection: 'connecting',
  synced: false,
  everSynced: false,
  pending: [],
  acked: 0,
  refusal: null,
  ended: null,
  storageFull: false,
  busy: null,
};

export function reduceSave(state: SaveState, event: SaveEvent): SaveState {
  if (state.ended && event.type !== 'dismiss') return state;
  switch (event.type) {
    case 'connecting':
      return { ...state, connection: 'connecting', synced: false };
    case 'online':
      return { ...state, connection: 'online', synced: false };
    case 'offline':
      return { ...state, connection: 'offline', synced: false };
    case 'synced':
      return state.connection === 'online' ? { ...state, synced: true, everSynced: true, busy: null } : state;
    case 'local':
      if (event.clock <= state.acked) return state;
      return { ...state, pending: [...state.pending, event.clock] };
    case 'ack': {
      if (event.clock <= state.acked) return state;
      const pending = state.pending.filter((c) => c > event.clock);
      // A change saved after a refusal shows saving works again: the refusal message has served.
      const refusal = state.refusal !== null && pending.length < state.pending.length ? null : state.refusal;
      // Likewise a change saved shows the server has room again.
      const storageFull = state.storageFull && pending.length === state.pending.length;
      return { ...state, acked: event.clock, pending, refusal, storageFull };
    }
    case 'storage-full':
      return { ...state, storageFull: true };
    case 'busy':
      return { ...state, busy: event.message };
    case 'refused':
      return { ...state, refusal: event.message };
    case 'reset':
      return { ...state, connection: 'connecting', synced: false, pending: [], acked: 0 };
    case 'ended':
      return { ...state, ended: event.why, pending: [], synced: false, connection: 'offline' };
    case 'dismiss':
      return { ...state, refusal: null };
  }
}

export function unsavedCount(state: SaveState): number {
  return state.pending.length;
}

export type StatusKind = 'loading' | 'saved' | 'saving' | 'offline' | 'refused' | 'signed-out' | 'forbidden';
export type Tone = 'neutral' | 'good' | 'warning' | 'error';

export interface StatusView {
  readonly kind: StatusKind;
  /** A few words for the status bar. */
  readonly title: string;
  /** A sentence saying what it means for the user. */
  readonly detail: string;
  readonly tone: Tone;
  readonly unsaved: number;
}

function changes(n: number): string {
  return plural(n, 'change');
}

export function statusView(state: SaveState): StatusView {
  const unsaved = unsavedCount(state);
  if (state.ended === 'signed-out') {
    return { kind: 'signed-out', title: 'Signed out', detail: 'Your session has ended. Sign in again to continue.', tone: 'error', unsaved };
  }
  if (state.ended === 'forbidden') {
    return { kind: 'forbidden', title: 'No access', detail: 'Your access to this chronology has ended.', tone: 'error', unsaved };
  }
  if (state.refusal !== null) {
    return {
      kind: 'refused',
      title: 'Change not saved',
      detail: `${state.refusal} The chronology has been reloaded from the server.`,
      tone: 'error',
      unsaved,
    };
  }
  if (state.storageFull) {
    // Nothing is lost: the changes stay in this window and are sent again when the server has room.
    const kept = unsaved > 0 ? `${changes(unsaved)} not saved yet: they are kept in this window and will be saved when it has room again, so keep this window open.` : 'Changes you make are kept in this window and will be saved when it has room again.';
    return { kind: 'offline', title: 'Server storage full', detail: `The server’s storage is full, so nothing new can be saved just now. ${kept}`, tone: 'error', unsaved };
  }
  if (state.busy !== null && !state.synced) {
    // Nothing was refused: the server opens no further document until it has memory again, and we try again.
    const kept = unsaved > 0 ? ` ${changes(unsaved)} not saved yet: they are kept in this window, so keep it open.` : state.everSynced ? ' Changes you make are kept in this window.' : '';
    return { kind: state.everSynced ? 'offline' : 'loading', title: 'Server busy', detail: `${state.busy} This page tries again every 30 seconds.${kept}`, tone: 'warning', unsaved };
  }
  if (state.connection !== 'online' && state.everSynced) {
    const detail =
      unsaved > 0
        ? `${changes(unsaved)} not saved yet. They are kept in this window and will be saved when the connection returns: keep this window open.`
        : 'Changes you make are kept in this window and will be saved when the connection returns.';
    return { kind: 'offline', title: state.connection === 'connecting' ? 'Reconnecting' : 'Offline', detail, tone: 'warning', unsaved };
  }
  if (!state.everSynced) {
    return {
      kind: 'loading',
      title: state.connection === 'offline' ? 'Cannot connect' : 'Loading',
      detail: state.connection === 'offline' ? 'Trying to reach the server.' : 'Loading the chronology from the server.',
      tone: state.connection === 'offline' ? 'warning' : 'neutral',
      unsaved,
    };
  }
  if (!state.synced || unsaved > 0) {
    return {
      kind: 'saving',
      title: unsaved > 0 ? `Saving ${changes(unsaved)}` : 'Syncing',
      detail: unsaved > 0 ? 'Waiting for the server to confirm.' : 'Bringing this window up to date with the server.',
      tone: 'neutral',
      unsaved,
    };
  }
  return { kind: 'saved', title: 'All changes saved', detail: 'Everything shown is saved on the server.', tone: 'good', unsaved };
}

const RANK: Record<StatusKind, number> = {
  'signed-out': 7,
  forbidden: 6,
  refused: 5,
  offline: 4,
  loading: 3,
  saving: 2,
  saved: 1,
};

/** One status for several documents: the one that most needs the user's attention, with all unsaved changes counted. */
export function combineStatus(views: readonly StatusView[]): StatusView {
  if (views.length === 0) return statusView(INITIAL_SAVE_STATE);
  const worst = views.reduce((a, b) => (RANK[b.kind] > RANK[a.kind] ? b : a));
  const unsaved = views.reduce((n, v) => n + v.unsaved, 0);
  if (unsaved === worst.unsaved) return worst;
  if (worst.kind === 'saving') return { ...worst, title: `Saving ${changes(unsaved)}`, unsaved };
  if (worst.kind === 'offline') {
    return {
      ...worst,
      detail: `${changes(unsaved)} not saved yet. They are kept in this window and will be saved when the connection returns: keep this window open.`,
      unsaved,
    };
  }
  return { ...worst, unsaved };
}
