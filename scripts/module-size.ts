// How large a source module may be (issue 18): at most 600 lines, and over 400 only when a comment near
// its top says why it is one module (a line holding "One module", within its first 30 lines). Checked
// on every test run by module-size.test.ts, like the dependency rules, so a file that grows past the
// limit is split when it grows, not when someone notices.
//
// Source modules are the code the packages, apps, benches and scripts are made of. Test files
// (*.test.ts, apps/web/e2e) are not modules anything imports and are left out; so are generated files
// (*.gen.ts, drizzle's migrations).

export const MAX_LINES = 600;
export const EXPLAIN_OVER = 400;
const REASON = /one module/i;
const REASON_WITHIN = 30;

export interface SourceText {
  path: string;
  text: string;
}

export interface SizeProblem {
  path: string;
  lines: number;
  problem: string;
}

/** Whether a path is a source module this rule applies to. */
export function isSourceModule(path: string): boolean {
  if (!/\.(ts|mts|mjs|js)$/.test(path)) return false;
  if (/\.test\.ts$/.test(path) || /(^|\/)e2e\//.test(path)) return false;
  if (/\.gen\.ts$/.test(path) || /(^|\/)(drizzle|drizzle-pg|node_modules|dist)\//.test(path)) return false;
  return true;
}

export function lineCount(text: string): number {
  if (text === '') return 0;
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

export function checkModuleSizes(files: readonly SourceText[]): SizeProblem[] {
  const problems: SizeProblem[] = [];
  for (const { path, text } of files) {
    if (!isSourceModule(path)) continue;
    const lines = lineCount(text);
    if (lines > MAX_LINES) problems.push({ path, lines, problem: `over ${MAX_LINES} lines: split it into modules with names` });
    else if (lines > EXPLAIN_OVER && !text.split('\n').slice(0, REASON_WITHIN).some((line) => /^\s*(\/\/|\*|\/\*)/.test(line) && REASON.test(line))) {
      problems.push({ path, lines, problem: `over ${EXPLAIN_OVER} lines with no comment at its top saying why it is one module ("// One module: …")` });
    }
  }
  return problems;
}
