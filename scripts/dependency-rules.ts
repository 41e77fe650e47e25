// Which package may import which, checked on every test run (dependency-rules.test.ts) rather than
// trusted to review. The rules (docs/architecture.md): dependencies point one way, apps -> sync/ui ->
// db -> domain; packages/domain imports nothing of ours; the browser reaches packages/sync only through
// its browser-safe entries; nothing imports an app; no file reaches into another package by a relative
// path; what a package imports it declares (and what it declares it imports); no `export *` hides what
// a package offers.
//
// Imports are read with the TypeScript compiler's parser (syntax only, no type checking: fast), so
// `import type`, `export … from` and `import('…')` count like any other import.
import { builtinModules } from 'node:module';
import ts from 'typescript';

/** One workspace package as the rules see it. */
export interface PackageRule {
  /** The folder, relative to the repository root. */
  dir: string;
  /** The workspace import specifiers (entry points, `@mac/sync/doc`) it may use, besides its own. */
  may: readonly string[];
  /**
   * Entry points that must run in a browser: every module they reach inside the package may import
   * only these specifiers' packages (and never Node's built-ins).
   */
  browserEntries?: Readonly<Record<string, { file: string; mayImport: readonly string[] }>>;
  /**
   * Declared dependencies that no module imports, with the reason each is still needed (a command-line
   * tool a script runs, a native module loaded by path).
   */
  usedWithoutImport?: Readonly<Record<string, string>>;
}

export const RULES: Readonly<Record<string, PackageRule>> = {
  '@mac/domain': { dir: 'packages/domain', may: [] },
  '@mac/threads': {
    dir: 'packages/threads',
    may: [],
    usedWithoutImport: { tsx: "runs a worker thread's TypeScript (src/boot.mjs registers it by name)" },
  },
  '@mac/db': {
    dir: 'packages/db',
    may: ['@mac/domain', '@mac/domain/testing', '@mac/threads', '@mac/threads/serve-tasks'],
    usedWithoutImport: {
      'drizzle-kit': 'generates migrations (`pnpm generate`)',
      tsx: 'runs the benches (`pnpm bench:pg`, `bench:sqlite`, `bench:search`)',
    },
  },
  '@mac/sync': {
    dir: 'packages/sync',
    may: ['@mac/domain', '@mac/domain/testing', '@mac/threads', '@mac/threads/serve-tasks', '@mac/db', '@mac/db/testing', '@mac/db/pg-testing'],
    browserEntries: {
      '@mac/sync/doc': { file: 'src/doc.ts', mayImport: ['@mac/domain', 'yjs'] },
    },
  },
  '@mac/ui': { dir: 'packages/ui', may: ['@mac/domain', '@mac/domain/testing'] },
  '@mac/test-support': { dir: 'packages/test-support', may: [] },
  '@mac/server': {
    dir: 'apps/server',
    may: ['@mac/domain', '@mac/domain/testing', '@mac/threads', '@mac/threads/serve-tasks', '@mac/db', '@mac/db/testing', '@mac/db/pg-testing', '@mac/sync', '@mac/sync/testing', '@mac/test-support/oidc-provider'],
    usedWithoutImport: { tsx: 'runs the server (`pnpm start`, src/cli.ts)', zod: "@hono/zod-openapi's peer dependency: its `z` is this zod" },
  },
  '@mac/web': {
    dir: 'apps/web',
    may: ['@mac/domain', '@mac/domain/testing', '@mac/ui', '@mac/sync/doc', '@mac/test-support/oidc-provider'],
  },
};

/** The root package.json's devDependencies: the test runner and tools every package's tests use. */
export interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface SourceFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

export interface ImportSite {
  specifier: string;
  /** 1-based. */
  line: number;
  kind: 'import' | 'export' | 'dynamic' | 'require';
}

export interface Violation {
  file: string;
  line: number;
  rule: 'boundary' | 'direction' | 'browser-safe' | 'undeclared' | 'dev-only' | 'unused' | 'export-star';
  message: string;
}

export interface ParsedModule {
  imports: ImportSite[];
  /** Lines of `export * from '…'` (a namespace re-export, `export * as x from`, names itself and is allowed). */
  exportStars: number[];
}

export function parseModule(path: string, text: string): ParsedModule {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, path.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const imports: ImportSite[] = [];
  const exportStars: number[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({ specifier: node.moduleSpecifier.text, line: lineOf(node), kind: 'import' });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({ specifier: node.moduleSpecifier.text, line: lineOf(node), kind: 'export' });
      if (!node.exportClause) exportStars.push(lineOf(node));
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      const specifier = (node.arguments[0] as ts.StringLiteralLike).text;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) imports.push({ specifier, line: lineOf(node), kind: 'dynamic' });
      // createRequire's require('x') and require.resolve('x/file'): a dependency all the same.
      const isRequire = (ts.isIdentifier(callee) && callee.text === 'require') || (ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'createRequire');
      const isResolve = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require' && callee.name.text === 'resolve';
      if (isRequire || isResolve) imports.push({ specifier, line: lineOf(node), kind: 'require' });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      imports.push({ specifier: node.argument.literal.text, line: lineOf(node), kind: 'dynamic' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, exportStars };
}

const BUILTINS = new Set(builtinModules);

export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0]!);
}

/** `@scope/name/sub/path` -> `@scope/name`; `name/sub` -> `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Test code, benchmarks, scripts and tool configuration: they may use devDependencies (their own
 * package's, or the root's test runner) and the `/testing` entries of other packages.
 */
export function isDevFile(pathInPackage: string): boolean {
  return (
    /(^|\/)[^/]+\.test\.ts$/.test(pathInPackage) ||
    /(^|\/)([^/]+-)?testing\.ts$/.test(pathInPackage) ||
    // Shared test code: contract suites run against each implementation, the fuzzers' harness.
    /(^|\/)[^/]+-(contract|arbitraries)\.ts$/.test(pathInPackage) ||
    /(^|\/)harness\.ts$/.test(pathInPackage) ||
    /^(e2e|bench|scripts)\//.test(pathInPackage) ||
    /^src\/pg\/(test-cluster|global-setup)\.ts$/.test(pathInPackage) ||
    /^[^/]+\.config\.ts$/.test(pathInPackage)
  );
}

/** The directory of a path, and a relative specifier resolved against it (no file system). */
function dirOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut === -1 ? '' : path.slice(0, cut);
}

export function resolveRelative(fromFile: string, specifier: string): string {
  const out: string[] = dirOf(fromFile).split('/').filter(Boolean);
  for (const part of specifier.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** A relative `.js` specifier names the `.ts` file beside it (TypeScript's ESM convention). */
function sourceCandidates(resolved: string): string[] {
  return [resolved, resolved.replace(/\.js$/, '.ts'), resolved.replace(/\.mjs$/, '.mts'), `${resolved}.ts`, `${resolved}/index.ts`];
}

export interface Workspace {
  root: Manifest;
  /** By package name. */
  manifests: Readonly<Record<string, Manifest>>;
  files: readonly SourceFile[];
}

/** Every rule over every file; an empty list means the dependency graph is as designed. */
export function checkWorkspace(ws: Workspace, rules: Readonly<Record<string, PackageRule>> = RULES): Violation[] {
  const violations: Violation[] = [];
  const byPath = new Map(ws.files.map((f) => [f.path, f]));
  const parsed = new Map<string, ParsedModule>();
  const parse = (f: SourceFile) => {
    let p = parsed.get(f.path);
    if (!p) parsed.set(f.path, (p = parseModule(f.path, f.text)));
    return p;
  };
  const rootDev = new Set(Object.keys(ws.root.devDependencies ?? {}));
  const ourNames = new Set(Object.keys(rules));
  const used = new Map<string, Set<string>>(Object.keys(rules).map((name) => [name, new Set<string>()]));

  for (const file of ws.files) {
    const owner = Object.entries(rules).find(([, rule]) => file.path.startsWith(`${rule.dir}/`));
    if (!owner) continue;
    const [name, rule] = owner;
    const manifest = ws.manifests[name] ?? { name };
    const inPackage = file.path.slice(rule.dir.length + 1);
    const dev = isDevFile(inPackage);
    const deps = new Set(Object.keys(manifest.dependencies ?? {}));
    const devDeps = new Set(Object.keys(manifest.devDependencies ?? {}));
    const { imports, exportStars } = parse(file);
    for (const line of exportStars) {
      violations.push({ file: file.path, line, rule: 'export-star', message: '`export *` hides what the module offers: name each export' });
    }
    for (const site of imports) {
      const at = { file: file.path, line: site.line };
      if (site.specifier.startsWith('.')) {
        const target = resolveRelative(file.path, site.specifier);
        if (!target.startsWith(`${rule.dir}/`)) {
          violations.push({ ...at, rule: 'boundary', message: `'${site.specifier}' reaches outside ${rule.dir}: import the package by its name (and declare it)` });
        }
        continue;
      }
      if (isBuiltin(site.specifier)) continue;
      const pkg = packageOf(site.specifier);
      used.get(name)!.add(pkg);
      if (ourNames.has(pkg) || pkg.startsWith('@mac/')) {
        if (pkg === name) {
          violations.push({ ...at, rule: 'boundary', message: `'${site.specifier}': a package imports its own modules by relative path` });
          continue;
        }
        const testingEntry = site.specifier.endsWith('/testing');
        if (!rule.may.includes(site.specifier)) {
          violations.push({ ...at, rule: 'direction', message: `${name} may not import '${site.specifier}' (it may import: ${rule.may.join(', ') || 'nothing of ours'})` });
        } else if (testingEntry && !dev) {
          violations.push({ ...at, rule: 'dev-only', message: `'${site.specifier}' is for tests: ${inPackage} is not a test file` });
        }
      }
      if (deps.has(pkg)) continue;
      if (devDeps.has(pkg) || rootDev.has(pkg)) {
        if (!dev) violations.push({ ...at, rule: 'dev-only', message: `'${pkg}' is a devDependency, but ${inPackage} is not test, bench or tool code: declare it in dependencies` });
        continue;
      }
      violations.push({ ...at, rule: 'undeclared', message: `'${pkg}' is not declared in ${rule.dir}/package.json` });
    }
  }

  // Browser-safe entries: everything they reach inside their package.
  for (const [name, rule] of Object.entries(rules)) {
    for (const [entry, { file, mayImport }] of Object.entries(rule.browserEntries ?? {})) {
      const start = `${rule.dir}/${file}`;
      if (!byPath.has(start)) {
        violations.push({ file: start, line: 1, rule: 'browser-safe', message: `${entry}'s module is missing` });
        continue;
      }
      const seen = new Set<string>();
      const queue = [start];
      while (queue.length > 0) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const f = byPath.get(path);
        if (!f) continue;
        for (const site of parse(f).imports) {
          if (site.specifier.startsWith('.')) {
            const target = sourceCandidates(resolveRelative(path, site.specifier)).find((c) => byPath.has(c));
            if (target) queue.push(target);
            continue;
          }
          if (!mayImport.includes(packageOf(site.specifier))) {
            violations.push({ file: path, line: site.line, rule: 'browser-safe', message: `${entry} must run in a browser, but reaches '${site.specifier}' (it may reach: ${mayImport.join(', ') || 'nothing outside its own modules'})` });
          }
        }
      }
      void name;
    }
  }

  // Declared but never imported.
  for (const [name, rule] of Object.entries(rules)) {
    const manifest = ws.manifests[name];
    if (!manifest) continue;
    const imported = used.get(name)!;
    for (const dep of [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]) {
      if (imported.has(dep) || rule.usedWithoutImport?.[dep]) continue;
      // @types/x is used when x is (or a Node built-in, for @types/node).
      if (dep.startsWith('@types/')) {
        const typed = dep.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2');
        if (typed === 'node' || imported.has(typed)) continue;
      }
      violations.push({ file: `${rule.dir}/package.json`, line: 1, rule: 'unused', message: `'${dep}' is declared but nothing in ${rule.dir} imports it` });
    }
  }
  return violations;
}
