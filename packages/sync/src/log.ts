// Logging seam. Errors from clients are attacker-controlled in number: a fuzzing client must not be able
// to fill the disk, so repeated messages are throttled per kind and summarised.

export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (message, details) => console.info(`[mac/sync] ${message}`, details ?? ''),
  warn: (message, details) => console.warn(`[mac/sync] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[mac/sync] ${message}`, details ?? ''),
};

export interface ThrottledLog {
  /** Logs at most `perWindow` messages of one kind per window; the rest are counted and summarised. */
  warn(kind: string, message: string, details?: Record<string, unknown>): void;
  error(kind: string, message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
}

export function throttledLog(log: Logger, now: () => number, perWindow = 10, windowMs = 60_000): ThrottledLog {
  const windows = new Map<string, { start: number; count: number }>();
  const emit = (level: 'warn' | 'error', kind: string, message: string, details?: Record<string, unknown>) => {
    const t = now();
    let w = windows.get(kind);
    if (w === undefined || t - w.start >= windowMs) {
      if (w !== undefined && w.count > perWindow) log[level](`${w.count - perWindow} more "${kind}" messages suppressed`);
      w = { start: t, count: 0 };
      windows.set(kind, w);
    }
    w.count += 1;
    if (w.count <= perWindow) log[level](message, details);
  };
  return {
    warn: (kind, message, details) => emit('warn', kind, message, details),
    error: (kind, message, details) => emit('error', kind, message, details),
    info: (message, details) => log.info(message, details),
  };
}
