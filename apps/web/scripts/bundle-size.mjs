// What each route of the browser app downloads, gzipped: the entry chunk and everything it imports
// statically (what every page loads first), then per page loaded on first navigation
// (src/app/lazy-pages.ts) the chunks it adds. Builds the app with Vite into a temporary folder with a
// manifest, so apps/web/dist is left alone.
//   pnpm --filter @mac/web bundle-size
// The figures are gzip level 9 of the minified JavaScript (CSS and the sourcemaps are not counted;
// the app has one small stylesheet, printed apart).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(join(tmpdir(), 'mac-web-size-'));
// Lit's development build is chosen otherwise (Vitest and some shells set NODE_ENV).
process.env.NODE_ENV = 'production';

try {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false } });
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
  const gz = new Map();
  const size = (file) => {
    if (!gz.has(file)) {
      const bytes = readFileSync(join(outDir, file));
      gz.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    }
    return gz.get(file);
  };
  /** The chunk files a manifest key loads before it runs: itself and its static imports, transitively. */
  const closure = (key, into = new Set(), keys = new Set()) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return into;
    into.add(chunk.file);
    keys.add(key);
    for (const dep of chunk.imports ?? []) closure(dep, into, keys);
    return into;
  };
  const total = (files) => [...files].reduce((sum, f) => ({ raw: sum.raw + size(f).raw, gzip: sum.gzip + size(f).gzip }), { raw: 0, gzip: 0 });
  const kB = (n) => (n / 1000).toFixed(1).padStart(7);

  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const firstKeys = new Set();
  const first = closure(entryKey, new Set(), firstKeys);
  const rows = [['first load (sign-in, caseload, notifications, …)', first, first]];
  // The pages loaded on first navigation: whatever the first load imports dynamically.
  const lazy = new Set([...firstKeys].flatMap((k) => manifest[k].dynamicImports ?? []));
  for (const key of lazy) {
    const all = closure(key, new Set(first));
    const added = new Set([...all].filter((f) => !first.has(f)));
    const name = key.replace(/^src\/pages\//, '').replace(/\.ts$/, '');
    rows.push([name, added, all]);
  }
  console.log(`${'route'.padEnd(50)} ${'adds kB'.padStart(8)} ${'gzip'.padStart(7)} ${'total kB'.padStart(9)} ${'gzip'.padStart(7)}`);
  for (const [name, added, all] of rows) {
    const a = total(added);
    const t = total(all);
    console.log(`${name.padEnd(50)} ${kB(a.raw)}  ${kB(a.gzip)}  ${kB(t.raw)}  ${kB(t.gzip)}`);
  }
  const everything = total(new Set(Object.values(manifest).filter((c) => c.file.endsWith('.js')).map((c) => c.file)));
  console.log(`${'all JavaScript'.padEnd(50)} ${' '.repeat(17)} ${kB(everything.raw)}  ${kB(everything.gzip)}`);
  for (const css of manifest[entryKey].css ?? []) console.log(`stylesheet ${css}: ${kB(size(css).raw).trim()} kB, gzip ${kB(size(css).gzip).trim()} kB`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
