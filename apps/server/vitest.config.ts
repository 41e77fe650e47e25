import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@mac/server',
    include: ['src/**/*.test.ts'],
    // Each file starts a real server over a real SQLite file; seeding hashes a dozen passwords.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
