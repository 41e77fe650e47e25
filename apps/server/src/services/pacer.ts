// Long work on the server's one event loop (a large import) done in slices: `pace()` is cheap to call
// often and gives the loop back (setImmediate, so pending I/O runs first) once the slice has lasted
// `sliceMs`. Other requests then wait at most about one slice.
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

export const DEFAULT_SLICE_MS = 10;

export class Pacer {
  #sliceStart = performance.now();
  readonly #sliceMs: number;

  constructor(sliceMs = DEFAULT_SLICE_MS) {
    this.#sliceMs = sliceMs;
  }

  /** Yields when the current slice is used up; otherwise returns at once (without a microtask hop). */
  pace(): Promise<void> | void {
    if (performance.now() - this.#sliceStart >= this.#sliceMs) return this.yield();
  }

  async yield(): Promise<void> {
    await nextTurn();
    this.#sliceStart = performance.now();
  }
}
