// The server ends a session after 30 minutes without activity, and an open live connection is not
// activity (docs/security.md): someone reading a chronology without typing would otherwise be signed
// out under their hands, and a screen left open would never be. So the app reports real use (a key,
// a pointer, a wheel) with an ordinary request, at most once a minute. Nothing is reported on a
// timer or for other people's edits arriving live: an unattended page stays quiet and times out.

export const ACTIVITY_INTERVAL_MS = 60_000;

/** When to tell the server the person is here: the first input a minute or more after the last report. */
export class ActivityThrottle {
  private last: number;
  private readonly interval: number;

  /** `start`: when the server last heard from this page (loading it is a request). */
  constructor(start: number, interval: number = ACTIVITY_INTERVAL_MS) {
    this.last = start;
    this.interval = interval;
  }

  /** Input at `now`: true when a report is due (and counts it as sent). */
  input(now: number): boolean {
    if (now - this.last < this.interval) return false;
    this.last = now;
    return true;
  }

  /** Any request the page made itself at `now` also told the server. */
  requested(now: number): void {
    if (now > this.last) this.last = now;
  }
}

export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Listens for input on `target` and calls `report` when due. Returns the function that stops it.
 * The throttle is shared with the API client (see MacApp), so requests the person's actions cause
 * anyway also count.
 */
export function watchActivity(target: EventTarget, throttle: ActivityThrottle, report: () => void, now: () => number = Date.now): () => void {
  const onInput = () => {
    if (throttle.input(now())) report();
  };
  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, onInput, { capture: true, passive: true });
  return () => {
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, onInput, { capture: true });
  };
}
