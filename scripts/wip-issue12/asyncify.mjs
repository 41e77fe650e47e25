// For each TS1308 (await outside async), make the enclosing function async (and wrap its return type).
import ts from 'typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const root = process.argv[2];
const scope = process.argv.slice(3);
for (let round = 0; round < 10; round++) {
  let out = '';
  try { out = execSync('npx tsc -p tsconfig.json --noEmit', { cwd: root, encoding: 'utf8', maxBuffer: 1e8 }); } catch (e) { out = e.stdout; }
  const errs = [...out.matchAll(/^(.+?)\((\d+),(\d+)\): error TS1308/gm)].filter((m) => scope.some((p) => m[1].startsWith(p)));
  if (errs.length === 0) { console.log('done'); break; }
  const byFile = new Map();
  for (const m of errs) { const l = byFile.get(m[1]) ?? []; l.push([+m[2], +m[3]]); byFile.set(m[1], l); }
  const names = new Set();
  for (const [f, locs] of byFile) {
    const path = root + '/' + f;
    let text = readFileSync(path, 'utf8');
    const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
    const edits = new Map(); // pos -> insert text ; plus type wraps
    const wraps = [];
    for (const [line, col] of locs) {
      const pos = sf.getPositionOfLineAndCharacter(line - 1, col - 1);
      let node = findNode(sf, pos);
      while (node && !ts.isFunctionLike(node)) node = node.parent;
      if (!node || node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) continue;
      let at;
      if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) {
        at = node.getChildren(sf).find((c) => c.kind === ts.SyntaxKind.FunctionKeyword).getStart(sf);
        if (node.name) names.add(node.name.text);
      } else if (ts.isMethodDeclaration(node)) {
        at = node.name.getStart(sf);
      } else if (ts.isArrowFunction(node)) {
        at = node.getStart(sf);
        const p = node.parent;
        if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) names.add(p.name.text);
      } else continue;
      edits.set(at, 'async ');
      if (node.type && !/^Promise</.test(node.type.getText(sf))) wraps.push([node.type.getStart(sf), node.type.getEnd()]);
    }
    const ops = [...[...edits].map(([p, s]) => ({ p, ins: s })), ...wraps.flatMap(([a, b]) => [{ p: a, ins: 'Promise<' }, { p: b, ins: '>' }])];
    ops.sort((x, y) => y.p - x.p);
    for (const op of ops) text = text.slice(0, op.p) + op.ins + text.slice(op.p);
    writeFileSync(path, text);
  }
  console.log('round', round, errs.length, 'names:', [...names].join(' '));
  writeFileSync('/tmp/gen/newnames.txt', [...names].join('\n'));
  break; // one round; the caller runs the await codemod for new names, then again
}
function findNode(sf, pos) {
  let found = sf;
  const visit = (n) => { if (pos >= n.getStart(sf) && pos < n.getEnd()) { found = n; ts.forEachChild(n, visit); } };
  ts.forEachChild(sf, visit);
  return found;
}
