// Where the server's main thread allocated under load (`pnpm bench:county --alloc`): V8's sampling heap
// profiler, started by the probe at the load phase's start with every allocation counted, those collected
// since included (loop-probe.ts), and read here. Garbage is CPU twice: the scavenges on the event loop and
// V8's helper threads marking and sweeping beside it (the unnamed "node" threads of the CPU figures).
// A sample stands for `samplingInterval` bytes on average, so the sizes are estimates, not counts.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

export interface AllocationSummary {
  /** Every sampled allocation (bytes). */
  totalBytes: number;
  /** By the function that allocated (self). */
  bySelf: Array<[string, number]>;
  /** By the deepest function of ours (apps/, packages/) on the stack: which of our operations asked for it. */
  byOurs: Array<[string, number]>;
  /** By our module (file) deepest on the stack. */
  byModule: Array<[string, number]>;
}

const ours = (f: CallFrame) => /\/(apps|packages)\//.test(f.url) && !f.url.includes('node_modules') && !f.url.includes('/bench/');

function shortFile(url: string, root: string): string {
  const file = url.replace(/^file:\/\//, '').replace(root, '');
  return file.includes('node_modules') ? file.replace(/.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '') : file;
}

function frameName(f: CallFrame, root: string): string {
  const file = shortFile(f.url, root);
  const line = f.lineNumber > 0 ? `:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'}${file ? ` ${file}${line}` : ''}`;
}

export function summariseAllocations(file: string, opts: { root?: string; top?: number } = {}): AllocationSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
  const root = opts.root ?? '';
  const top = opts.top ?? 15;
  const bySelf = new Map<string, number>();
  const byOurs = new Map<string, number>();
  const byModule = new Map<string, number>();
  let totalBytes = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  // Depth-first with the deepest frame of ours carried down (an explicit stack: profiles run deep).
  const stack: Array<{ node: HeapNode; mine: CallFrame | null }> = [{ node: profile.head, mine: null }];
  while (stack.length > 0) {
    const { node, mine: above } = stack.pop()!;
    const mine = ours(node.callFrame) ? node.callFrame : above;
    if (node.selfSize > 0) {
      totalBytes += node.selfSize;
      add(bySelf, frameName(node.callFrame, root), node.selfSize);
      add(byOurs, mine ? frameName(mine, root) : '(none of ours on the stack)', node.selfSize);
      add(byModule, mine ? shortFile(mine.url, root) : '(none of ours on the stack)', node.selfSize);
    }
    for (const child of node.children) stack.push({ node: child, mine });
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalBytes, bySelf: sorted(bySelf), byOurs: sorted(byOurs), byModule: sorted(byModule) };
}
