// What the county bench records and how it prints: samples per action and phase, percentiles, tables.

export type Phase = 'idle' | 'load';

export interface Sample {
  action: string;
  ms: number;
  ok: boolean;
  /** When it ended (Date.now() as recorded), to set it against what the server was doing (slowest.ts). */
  endAt?: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Samples per phase and action; errors are counted with what went wrong (status or exception). */
export class Recorder {
  readonly samples: Record<Phase, Sample[]> = { idle: [], load: [] };
  readonly errors: Record<Phase, Map<string, number>> = { idle: new Map(), load: new Map() };
  readonly counts: Record<Phase, Map<string, number>> = { idle: new Map(), load: new Map() };
  phase: Phase = 'idle';

  record(action: string, ms: number, ok = true): void {
    this.samples[this.phase].push({ action, ms, ok, endAt: Date.now() });
  }

  count(what: string): void {
    const counts = this.counts[this.phase];
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }

  error(action: string, what: string): void {
    const key = `${action}: ${what}`;
    const errors = this.errors[this.phase];
    errors.set(key, (errors.get(key) ?? 0) + 1);
  }

  /** Times `fn`; a thrown error is counted (and rethrown only if `rethrow`), never recorded as a latency. */
  async time<T>(action: string, fn: () => Promise<T>): Promise<T | undefined> {
    const start = performance.now();
    try {
      const value = await fn();
      this.record(action, performance.now() - start);
      return value;
    } catch (err) {
      // undici says only "fetch failed"; the reason (a reset, a refused connection) is its cause.
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${(err.cause as Error & { code?: string }).code ?? err.cause.message})` : '';
      this.error(action, err instanceof Error ? err.message.slice(0, 120) + cause : String(err));
      return undefined;
    }
  }

  byAction(phase: Phase): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const s of this.samples[phase]) {
      if (!s.ok) continue;
      const list = out.get(s.action) ?? [];
      list.push(s.ms);
      out.set(s.action, list);
    }
    return out;
  }

  errorCount(phase: Phase, action: string): number {
    let n = 0;
    for (const [key, count] of this.errors[phase]) if (key.startsWith(`${action}: `)) n += count;
    return n;
  }
}

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** A plain text table: the first `leftColumns` columns left-aligned, the rest right-aligned. */
export function table(rows: string[][], leftColumns = 1): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
