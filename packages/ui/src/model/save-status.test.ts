import { describe, expect, it } from 'vitest';
import { INITIAL_SAVE_STATE, combineStatus, reduceSave, statusView, type SaveEvent, type SaveState } from './save-status.js';

function run(events: SaveEvent[], from: SaveState = INITIAL_SAVE_STATE): SaveState {
  return events.reduce(reduceSave, from);
}

const loaded: SaveEvent[] = [{ type: 'online' }, { type: 'synced' }];

describe('save status', () => {
  it('says loading until the document has synced once, then all saved', () => {
    expect(statusView(INITIAL_SAVE_STATE).kind).toBe('loading');
    expect(statusView(run([{ type: 'online' }])).kind).toBe('loading');
    expect(statusView(run(loaded))).toMatchObject({ kind: 'saved', title: 'All changes saved' });
  });

  it('is saving from a local change until the server acknowledges its clock', () => {
    const s = run([...loaded, { type: 'local', clock: 19 }, { type: 'local', clock: 21 }]);
    expect(statusView(s)).toMatchObject({ kind: 'saving', title: 'Saving 2 changes', unsaved: 2 });
    expect(statusView(reduceSave(s, { type: 'ack', clock: 19 }))).toMatchObject({ kind: 'saving', unsaved: 1 });
    expect(statusView(reduceSave(s, { type: 'ack', clock: 21 })).kind).toBe('saved');
  });

  it('does not call a synced connection "saved" while a change is unacknowledged', () => {
    const s = run([...loaded, { type: 'local', clock: 5 }, { type: 'offline' }, { type: 'online' }, { type: 'synced' }]);
    expect(statusView(s).kind).toBe('saving');
  });

  it('keeps offline changes and says so', () => {
    const s = run([...loaded, { type: 'offline' }, { type: 'local', clock: 3 }]);
    const view = statusView(s);
    expect(view.kind).toBe('offline');
    expect(view.detail).toContain('1 change not saved yet');
    expect(view.detail).toContain('keep this window open');
    expect(statusView(run([{ type: 'online' }, { type: 'synced' }, { type: 'ack', clock: 3 }], s)).kind).toBe('saved');
  });

  it('says reconnecting while the socket retries', () => {
    expect(statusView(run([...loaded, { type: 'connecting' }])).title).toBe('Reconnecting');
  });

  it('reports a refusal until dismissed or until a later change is saved', () => {
    const refused = run([...loaded, { type: 'local', clock: 4 }, { type: 'refused', message: 'You can only change your own agency’s entries.' }, { type: 'reset' }]);
    expect(statusView(refused)).toMatchObject({ kind: 'refused', unsaved: 0 });
    expect(statusView(refused).detail).toContain('reloaded from the server');
    expect(statusView(run(loaded, refused)).kind).toBe('refused');
    expect(statusView(run([...loaded, { type: 'local', clock: 2 }, { type: 'ack', clock: 2 }], refused)).kind).toBe('saved');
    expect(statusView(reduceSave(refused, { type: 'dismiss' })).kind).not.toBe('refused');
  });

  it('[F9] says nothing new can be saved while the server\'s storage is full, keeps the changes, and clears once one is saved', () => {
    const full = run([...loaded, { type: 'local', clock: 3 }, { type: 'storage-full' }, { type: 'offline' }]);
    const view = statusView(full);
    expect(view).toMatchObject({ kind: 'offline', title: 'Server storage full', tone: 'error', unsaved: 1 });
    expect(view.detail).toMatch(/nothing new can be saved just now\. 1 change not saved yet: they are kept in this window/);
    const saved = run([{ type: 'online' }, { type: 'synced' }, { type: 'ack', clock: 3 }], full);
    expect(saved.storageFull).toBe(false);
    expect(statusView(saved).kind).toBe('saved');
  });

  it('says the server is busy with its reason (close 4503, memory), keeps the changes, and clears once synced again', () => {
    const reason = 'The server is short of memory (900 MB in use, ceiling 800 MB): no further chronology can be opened just now. Try again in a minute.';
    const first = run([{ type: 'connecting' }, { type: 'busy', message: reason }, { type: 'offline' }]);
    expect(statusView(first)).toMatchObject({ kind: 'loading', title: 'Server busy', tone: 'warning' });
    expect(statusView(first).detail).toBe(`${reason} This page tries again every 30 seconds.`);
    const later = run([...loaded, { type: 'local', clock: 3 }, { type: 'offline' }, { type: 'busy', message: reason }]);
    expect(statusView(later)).toMatchObject({ kind: 'offline', title: 'Server busy', unsaved: 1 });
    expect(statusView(later).detail).toMatch(/tries again every 30 seconds\. 1 change not saved yet: they are kept in this window/);
    const back = run([{ type: 'online' }, { type: 'synced' }], later);
    expect(back.busy).toBeNull();
    expect(statusView(back).title).not.toBe('Server busy');
  });

  it('ignores acknowledgements going backwards and local clocks already acknowledged', () => {
    const s = run([...loaded, { type: 'ack', clock: 10 }, { type: 'ack', clock: 4 }, { type: 'local', clock: 8 }]);
    expect(s.acked).toBe(10);
    expect(s.pending).toEqual([]);
  });

  it('ends for good when the session ends', () => {
    const s = run([...loaded, { type: 'ended', why: 'signed-out' }, { type: 'online' }, { type: 'synced' }]);
    expect(statusView(s).kind).toBe('signed-out');
  });

  it('combines documents by the most urgent status and adds up unsaved changes', () => {
    const saving = statusView(run([...loaded, { type: 'local', clock: 1 }]));
    const saved = statusView(run(loaded));
    const offline = statusView(run([...loaded, { type: 'offline' }, { type: 'local', clock: 1 }, { type: 'local', clock: 2 }]));
    expect(combineStatus([saved, saving]).kind).toBe('saving');
    expect(combineStatus([saving, offline])).toMatchObject({ kind: 'offline', unsaved: 3 });
    expect(combineStatus([saving, saving]).title).toBe('Saving 2 changes');
  });
});
