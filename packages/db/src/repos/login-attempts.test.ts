import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.js';

let t: TestDatabase;
beforeEach(() => {
  t = openTestDatabase();
});
afterEach(() => t.cleanup());

describe('loginAttempts', () => {
  it('counts a key attempts since a time, clears a key, purges old attempts', () => {
    const { loginAttempts } = t.repos;
    loginAttempts.record('email:a@x.example', '2024-06-01T10:00:00.000Z');
    loginAttempts.record('email:a@x.example', '2024-06-01T10:10:00.000Z');
    loginAttempts.record('email:a@x.example', '2024-06-01T10:20:00.000Z');
    loginAttempts.record('ip:192.0.2.1', '2024-06-01T10:20:00.000Z');
    expect(loginAttempts.countSince('email:a@x.example', '2024-06-01T10:10:00.000Z')).toBe(2);
    expect(loginAttempts.countSince('email:a@x.example', '2024-06-01T09:00:00.000Z')).toBe(3);
    expect(loginAttempts.countSince('email:b@x.example', '2024-06-01T09:00:00.000Z')).toBe(0);
    expect(loginAttempts.timesSince('email:a@x.example', '2024-06-01T10:05:00.000Z')).toEqual(['2024-06-01T10:10:00.000Z', '2024-06-01T10:20:00.000Z']);

    expect(loginAttempts.purgeBefore('2024-06-01T10:15:00.000Z')).toBe(2);
    expect(loginAttempts.countSince('email:a@x.example', '2024-06-01T09:00:00.000Z')).toBe(1);

    loginAttempts.clear('email:a@x.example');
    expect(loginAttempts.countSince('email:a@x.example', '2024-06-01T09:00:00.000Z')).toBe(0);
    expect(loginAttempts.countSince('ip:192.0.2.1', '2024-06-01T09:00:00.000Z')).toBe(1);
  });
});
