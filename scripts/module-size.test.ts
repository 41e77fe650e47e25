// The module size rule (module-size.ts) over the whole repository, and proof that it fails when broken.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkModuleSizes, isSourceModule } from './module-size.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lines = (n: number, head = '') => head + 'x;\n'.repeat(n - head.split('\n').length + 1);

describe('module sizes', () => {
  it('hold for every source module of the repository', () => {
    const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(isSourceModule);
    const files = tracked.flatMap((path) => {
      try {
        return [{ path, text: readFileSync(join(root, path), 'utf8') }];
      } catch {
        return []; // deleted in the working tree
      }
    });
    expect(files.length).toBeGreaterThan(100);
    expect(checkModuleSizes(files)).toEqual([]);
  });

  it('refuse a module over 600 lines, and one over 400 that does not say why it is one', () => {
    expect(checkModuleSizes([{ path: 'packages/a/src/big.ts', text: lines(601, '// One module: because.\n') }]).map((p) => p.path)).toEqual(['packages/a/src/big.ts']);
    expect(checkModuleSizes([{ path: 'packages/a/src/mid.ts', text: lines(401, '// The thing.\n') }]).map((p) => p.lines)).toEqual([401]);
    expect(checkModuleSizes([{ path: 'packages/a/src/mid.ts', text: lines(401, '// The thing.\n// One module of some 400 lines: the parts share one state.\n') }])).toEqual([]);
    expect(checkModuleSizes([{ path: 'packages/a/src/small.ts', text: lines(400) }])).toEqual([]);
    // Tests and generated files are not modules anything is built from.
    expect(checkModuleSizes([{ path: 'packages/a/src/big.test.ts', text: lines(900) }, { path: 'apps/web/src/api/schema.gen.ts', text: lines(900) }])).toEqual([]);
  });
});
