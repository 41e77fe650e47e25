import { describe, expect, it } from 'vitest';
import { sessionLive } from './sessions.js';

// The one rule for a session, shared by every request and the sweep of live connections.
describe('sessionLive', () => {
  const now = Date.parse('2026-01-01T12:00:00.000Z');
  const idle = 30 * 60_000;
  const session = { revokedAt: null, expiresAt: '2026-01-01T20:00:00.000Z', lastSeenAt: '2026-01-01T11:45:00.000Z' };
  const user = { disabled: false, approvedAt: '2025-12-01T00:00:00.000Z' };

  it('holds for a live session of an enabled, approved user', () => {
    expect(sessionLive(session, user, now, idle)).toBe(true);
  });
  it('ends when revoked, past its lifetime, idle too long, or its user is disabled or not yet approved', () => {
    expect(sessionLive({ ...session, revokedAt: '2026-01-01T11:50:00.000Z' }, user, now, idle)).toBe(false);
    expect(sessionLive({ ...session, expiresAt: '2026-01-01T12:00:00.000Z' }, user, now, idle)).toBe(false);
    expect(sessionLive({ ...session, lastSeenAt: '2026-01-01T11:30:00.000Z' }, user, now, idle)).toBe(false);
    expect(sessionLive(session, { ...user, disabled: true }, now, idle)).toBe(false);
    // The sweep of live connections used to miss this one: only requests checked it.
    expect(sessionLive(session, { ...user, approvedAt: null }, now, idle)).toBe(false);
  });
});
