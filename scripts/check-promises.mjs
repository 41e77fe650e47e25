// Finds promises that are dropped or misused, which TypeScript itself accepts: a call whose promise is
// neither awaited, returned, assigned nor marked `void` (its failure would go unseen and its work would
// race what follows), and an async callback handed to an array method that ignores what it returns
// (`filter(async …)` keeps everything). Storage is asynchronous (docs/storage.md), so these are bugs.
// A chain ending in `.catch(handler)` counts as handled. Run: node scripts/check-promises.mjs
// [--type-errors] tsconfig.json [paths…]; `pnpm typecheck` runs it with --type-errors.
//
// --type-errors: first reports TypeScript's own errors for the whole program, as `tsc -p tsconfig.json
// --noEmit` would, and fails on any. `pnpm typecheck` used to run tsc and then this script, which built
// and checked the same program a second time (each about 40 s of CPU on the two-core CI machine); one
// program, checked once, serves both.
import ts from 'typescript';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const typeErrors = args[0] === '--type-errors';
if (typeErrors) args.shift();
const configPath = resolve(args[0] ?? 'tsconfig.json');
const only = args.slice(1).map((p) => resolve(p));
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) });
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config) });
const checker = program.getTypeChecker();
const problems = [];

if (typeErrors) {
  // What tsc reports, worded as tsc words it (file:line:col, the code, the message, and the source).
  const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...config.errors]);
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: ts.sys.getCurrentDirectory, getNewLine: () => ts.sys.newLine };
    const pretty = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    console.log(pretty(diagnostics, host));
    console.error(`Type errors: ${diagnostics.length}`);
    process.exit(1);
  }
}

const isPromise = (type) => {
  if (type.isUnion()) return type.types.some(isPromise);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  return symbol?.getName() === 'Promise';
};
/** A value that is a promise whatever it holds (not `Promise | undefined`, whose truthiness means something). */
const isAlwaysPromise = (type) => (type.isUnion() ? type.types.every(isAlwaysPromise) : isPromise(type));
/** `….catch(handler)` as the last call of a chain: its rejection is handled where it is written. */
const handledChain = (expr) => ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'catch' && expr.arguments.length === 1;
const IGNORING = new Set(['filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'forEach', 'sort', 'flatMap']);

function visit(node, file) {
  if (ts.isExpressionStatement(node)) {
    const expr = node.expression;
    const voided = ts.isVoidExpression(expr);
    const awaited = ts.isAwaitExpression(expr);
    const assignment = ts.isBinaryExpression(expr) && expr.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && expr.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    if (!voided && !awaited && !assignment && !handledChain(expr) && isPromise(checker.getTypeAtLocation(expr))) report(file, node, 'a promise is dropped: await it, return it, or mark it `void` with a comment saying why');
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && IGNORING.has(node.expression.name.text)) {
    for (const arg of node.arguments) {
      if ((ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) && arg.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
        report(file, arg, `an async callback given to ${node.expression.name.text}(), which ignores the promise it returns`);
      }
    }
  }
  if ((ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isConditionalExpression(node)) && isAlwaysPromise(checker.getTypeAtLocation(node.expression ?? node.condition))) {
    report(file, node, 'a promise used as a condition (always true): await it');
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken && isAlwaysPromise(checker.getTypeAtLocation(node.operand))) {
    report(file, node, 'a promise negated (always false): await it');
  }
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind) && isAlwaysPromise(checker.getTypeAtLocation(node.left))) {
    report(file, node, 'a promise used in a logical expression (always truthy): await it');
  }
  ts.forEachChild(node, (child) => visit(child, file));
}

function report(file, node, message) {
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  problems.push(`${file.fileName}:${line + 1}:${character + 1}: ${message}`);
}

for (const file of program.getSourceFiles()) {
  if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
  if (only.length > 0 && !only.some((p) => file.fileName.startsWith(p))) continue;
  visit(file, file);
}
for (const p of problems) console.log(p);
if (problems.length > 0) {
  console.error(`Misused promises: ${problems.length}`);
  process.exit(1);
}
