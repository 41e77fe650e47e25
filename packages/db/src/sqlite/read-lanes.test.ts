import { describe, expect, it } from 'vitest';
import { readLanes, type CallLane } from './read-lanes.js';
import type { Call } from './host.js';

/** A lane whose calls stay outstanding until `settle` is called. */
function heldLane(name: string) {
  const held: Array<() => void> = [];
  let calls = 0;
  const lane: CallLane & { name: string; settle(): void } = {
    name,
    call: () => {
      calls += 1;
      return new Promise<unknown>((resolve) => held.push(() => resolve(name)));
    },
    batches: () => calls,
    calls: () => calls,
    outstanding: () => held.length,
    drained: async () => undefined,
    settle: () => held.splice(0).forEach((r) => r()),
  };
  return lane;
}

const call: Call = { kind: 'repo', repo: 'users', method: 'list', args: [] };

describe('readLanes', () => {
  it('sends each call to the lane with the fewest outstanding, the first on a tie', async () => {
    const a = heldLane('a');
    const b = heldLane('b');
    const lanes = readLanes([a, b]);
    const first = lanes.call(call);
    const second = lanes.call(call);
    const third = lanes.call(call);
    expect([a.calls(), b.calls()]).toEqual([2, 1]);
    expect(lanes.outstanding()).toBe(3);
    a.settle();
    // a has none outstanding now, b one: a again.
    const fourth = lanes.call(call);
    expect([a.calls(), b.calls()]).toEqual([3, 1]);
    a.settle();
    b.settle();
    expect(await Promise.all([first, second, third, fourth])).toEqual(['a', 'b', 'a', 'a']);
    expect(lanes.calls()).toBe(4);
  });

  it('is the lane itself when there is one', () => {
    const a = heldLane('a');
    expect(readLanes([a])).toBe(a);
  });
});
