#!/usr/bin/env node
// Brings a fresh machine (or an existing checkout) to the point where `pnpm start` and the tests run:
// pnpm at the pinned version, the workspace's dependencies (better-sqlite3 compiles here, so node-gyp
// needs Node's headers), and with --browser Debian's Chromium and poppler-utils for the end-to-end and
// PDF tests, PostgreSQL 15 and Redis for the tests on several nodes. Safe to run again: every step checks
// before it acts.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PNPM_VERSION = '12.4.2';
const args = new Set(process.argv.slice(2));
const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' };

function run(cmd) {
  console.log(`[setup] ${cmd}`);
  execSync(cmd, { stdio: 'inherit', env });
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function pnpmVersion() {
  const r = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env });
  return r.status === 0 ? r.stdout.trim() : null;
}

if (pnpmVersion() !== PNPM_VERSION) run(`npm install -g pnpm@${PNPM_VERSION}`);

run('pnpm install --frozen-lockfile');

if (args.has('--browser')) {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium', 'fonts-liberation');
  if (!has('pdftotext')) missing.push('poppler-utils');
  // The PostgreSQL adapter's tests start their own throwaway cluster (packages/db/src/pg/test-cluster.ts):
  // only the binaries are needed.
  if (!existsSync('/usr/lib/postgresql/15/bin/postgres')) missing.push('postgresql-15');
  // The several-nodes tests start their own throwaway Redis (apps/server/src/cluster/redis-testing.ts).
  if (!existsSync('/usr/bin/redis-server')) missing.push('redis-server');
  if (missing.length > 0) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!root || !has('apt-get')) {
      console.error(`[setup] The tests need Debian's ${missing.join(', ')}: install them (apt-get install -y ${missing.join(' ')}) and run again.`);
      process.exit(1);
    }
    run('apt-get update -qq');
    run(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`);
  }
}

// The browser app is served from apps/web/dist: build it when starting the service.
if (args.has('--web') && existsSync('apps/web/index.html')) run('pnpm --filter @mac/web build');
