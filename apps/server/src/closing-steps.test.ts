import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closingSteps } from './closing-steps.js';

describe('closing steps', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says which step a close is still waiting for, once, and when it ends', async () => {
    const lines: string[] = [];
    const steps = closingSteps({ warnAfterMs: 10_000, log: (line) => lines.push(line), now: () => Date.now() });
    let finish!: () => void;
    const waiting = steps.step('the store', () => new Promise<void>((resolve) => (finish = resolve)));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(lines).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(lines).toEqual(['[mac] closing: still waiting for the store after 10 s']);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lines).toHaveLength(1);
    finish();
    await waiting;
    expect(lines).toEqual(['[mac] closing: still waiting for the store after 10 s', '[mac] closing: the store finished after 40 s']);
  });

  it('says nothing of a step that ends in time, and passes on its value or its error', async () => {
    const lines: string[] = [];
    const steps = closingSteps({ warnAfterMs: 10_000, log: (line) => lines.push(line) });
    expect(await steps.step('rooms', () => 42)).toBe(42);
    await expect(steps.step('alerts', () => Promise.reject(new Error('alerts failed')))).rejects.toThrow('alerts failed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lines).toEqual([]);
  });
});
