// The chronology page starts its slower work (the patterns: their inputs fetched, the engine run, the panel
// drawn) only once the first view has been painted, so that it never holds that first paint up.

/** Runs `fn` once the browser has painted what was just rendered (two frames), or after a second if it paints nothing (a hidden tab). */
export function afterPaint(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => requestAnimationFrame(once));
  setTimeout(once, 1000);
}
