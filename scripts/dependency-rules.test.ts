// The dependency rules (dependency-rules.ts) over the whole repository, and proof on small made-up
// packages that each rule fails when broken.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkWorkspace, parseModule, RULES, type Manifest, type PackageRule, type SourceFile, type Violation } from './dependency-rules.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'dist', '.artifacts', 'drizzle', 'drizzle-pg', 'fixtures']);

function sourcesUnder(dir: string, out: SourceFile[] = []): SourceFile[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourcesUnder(path, out);
    else if (/\.(ts|mts|mjs|js)$/.test(entry.name)) out.push({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
  }
  return out;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;

function repository() {
  const manifests: Record<string, Manifest> = {};
  const files: SourceFile[] = [];
  for (const [name, rule] of Object.entries(RULES)) {
    let manifest: Manifest;
    try {
      manifest = readJson(join(root, rule.dir, 'package.json'));
    } catch {
      continue; // a package the rules know of that is not here (yet)
    }
    expect(manifest.name, `${rule.dir}/package.json`).toBe(name);
    manifests[name] = manifest;
    sourcesUnder(join(root, rule.dir), files);
  }
  return { root: readJson(join(root, 'package.json')), manifests, files };
}

const show = (violations: readonly Violation[]) => violations.map((v) => `${v.file}:${v.line} [${v.rule}] ${v.message}`).join('\n');

describe('the dependency rules', () => {
  it('hold for the whole repository', { timeout: 60_000 }, () => {
    const ws = repository();
    // Every workspace package is under a rule: a new one must say what it may import.
    const packageDirs = ['packages', 'apps'].flatMap((top) => readdirSync(join(root, top), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${top}/${d.name}`));
    const ruled = new Set(Object.values(RULES).map((r) => r.dir));
    expect(packageDirs.filter((d) => !ruled.has(d))).toEqual([]);
    expect(ws.files.length).toBeGreaterThan(300);
    const violations = checkWorkspace(ws);
    expect(show(violations)).toBe('');
  });

  describe('fail when broken', () => {
    const rules: Record<string, PackageRule> = {
      '@x/domain': { dir: 'p/domain', may: [] },
      '@x/db': { dir: 'p/db', may: ['@x/domain'] },
      '@x/sync': { dir: 'p/sync', may: ['@x/domain', '@x/db'], browserEntries: { '@x/sync/doc': { file: 'src/doc.ts', mayImport: ['@x/domain', 'yjs'] } } },
      '@x/web': { dir: 'a/web', may: ['@x/domain', '@x/sync/doc'] },
    };
    const manifests: Record<string, Manifest> = {
      '@x/domain': { name: '@x/domain', dependencies: { zod: '4' } },
      '@x/db': { name: '@x/db', dependencies: { '@x/domain': 'workspace:*' } },
      '@x/sync': { name: '@x/sync', dependencies: { '@x/domain': 'workspace:*', '@x/db': 'workspace:*', yjs: '13', ws: '8' } },
      '@x/web': { name: '@x/web', dependencies: { '@x/domain': 'workspace:*', '@x/sync': 'workspace:*', lit: '3' } },
    };
    const clean: SourceFile[] = [
      { path: 'p/domain/src/index.ts', text: "export { a } from './a.js';\nimport { z } from 'zod';\n" },
      { path: 'p/db/src/index.ts', text: "import type { A } from '@x/domain';\n" },
      { path: 'p/sync/src/doc.ts', text: "import * as Y from 'yjs';\nimport { a } from '@x/domain';\nimport { names } from './names.js';\n" },
      { path: 'p/sync/src/names.ts', text: 'export const names = 1;\n' },
      { path: 'p/sync/src/server.ts', text: "import { WebSocketServer } from 'ws';\nimport { db } from '@x/db';\n" },
      { path: 'a/web/src/main.ts', text: "import { html } from 'lit';\nimport { a } from '@x/domain';\nimport { readEntry } from '@x/sync/doc';\n" },
    ];
    const check = (files: SourceFile[], extra: Partial<Record<string, Manifest>> = {}) =>
      checkWorkspace({ root: { name: 'root', devDependencies: { vitest: '5' } }, manifests: { ...manifests, ...extra } as Record<string, Manifest>, files }, rules);
    const withFile = (file: SourceFile) => [...clean.filter((f) => f.path !== file.path), file];
    const rulesOf = (v: Violation[]) => v.map((x) => `${x.file} ${x.rule}`);

    it('pass a clean made-up workspace', () => {
      expect(show(check(clean))).toBe('');
    });
    it('the domain importing anything of ours', () => {
      expect(rulesOf(check(withFile({ path: 'p/domain/src/index.ts', text: "import { db } from '@x/db';\nimport { z } from 'zod';\n" })))).toContain('p/domain/src/index.ts direction');
    });
    it('a package reaching into another by a relative path (e2e code into server source)', () => {
      expect(rulesOf(check([...clean, { path: 'a/web/e2e/setup.ts', text: "import { x } from '../../server/src/oidc/testing.js';\n" }]))).toEqual(['a/web/e2e/setup.ts boundary']);
    });
    it("the browser importing sync's server side", () => {
      expect(rulesOf(check(withFile({ path: 'a/web/src/main.ts', text: "import { html } from 'lit';\nimport { a } from '@x/domain';\nimport { readEntry } from '@x/sync';\n" })))).toEqual(['a/web/src/main.ts direction']);
    });
    it('a browser-safe entry reaching server code through its own modules', () => {
      const v = check(withFile({ path: 'p/sync/src/names.ts', text: "import { WebSocketServer } from 'ws';\nexport const names = 1;\n" }));
      expect(rulesOf(v)).toEqual(['p/sync/src/names.ts browser-safe']);
    });
    it('an undeclared dependency, a declared one never imported, and a devDependency in shipped code', () => {
      expect(rulesOf(check(withFile({ path: 'p/db/src/index.ts', text: "import type { A } from '@x/domain';\nimport Database from 'better-sqlite3';\n" })))).toEqual(['p/db/src/index.ts undeclared']);
      expect(rulesOf(check(clean, { '@x/web': { name: '@x/web', dependencies: { ...manifests['@x/web']!.dependencies, 'y-protocols': '1' } } }))).toEqual(['a/web/package.json unused']);
      expect(rulesOf(check(withFile({ path: 'p/sync/src/server.ts', text: "import { vi } from 'vitest';\nimport { WebSocketServer } from 'ws';\nimport { db } from '@x/db';\n" })))).toEqual(['p/sync/src/server.ts dev-only']);
    });
    it('an `export *` barrel (a named namespace re-export is allowed)', () => {
      expect(rulesOf(check(withFile({ path: 'p/domain/src/index.ts', text: "export * from './a.js';\nexport * as b from './b.js';\nimport { z } from 'zod';\n" })))).toEqual(['p/domain/src/index.ts export-star']);
    });
  });

  it('reads every kind of import', () => {
    const m = parseModule('x.ts', "import type { A } from 'a';\nexport { b } from 'b';\nconst c = await import('c');\nconst d = require.resolve('d/file.js');\ntype E = typeof import('e');\nexport * from 'f';\n");
    expect(m.imports.map((i) => i.specifier)).toEqual(['a', 'b', 'c', 'd/file.js', 'e', 'f']);
    expect(m.exportStars).toEqual([6]);
  });
});
