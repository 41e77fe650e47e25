// Under memory pressure the server refuses to load NEW rooms (documents) before it falls over: rooms hold
// the most memory of anything here (a large chronology's live document and its shadow, hundreds of MB), and
// they are loaded on demand. Rooms already loaded go on serving; a refused websocket closes with 4503
// (CLOSE.SERVER_BUSY) and keeps its local changes, a refused REST write answers 503 `server_busy`.
import { getHeapStatistics } from 'node:v8';

export const MEMORY_RETRY_AFTER_SECONDS = 10;

/**
 * The default ceiling when MAC_MAX_RSS_MB is not set: 85 % of V8's heap limit for this process (4 GB here
 * by default, `--max-old-space-size` changes it), so a room is refused well before the heap runs out.
 */
export function defaultMaxRssMb(): number {
  return Math.floor((getHeapStatistics().heap_size_limit / 1_048_576) * 0.85);
}

/**
 * Why a new room may not be loaded now, or null. `maxRssMb` null: no ceiling. Read at each call (the
 * resident set size costs a system call, far less than a room's load).
 */
export function memoryRefusal(maxRssMb: number | null, rssBytes: () => number = () => process.memoryUsage.rss()): string | null {
  if (maxRssMb === null) return null;
  const rssMb = Math.round(rssBytes() / 1_048_576);
  if (rssMb < maxRssMb) return null;
  return `The server is short of memory (${rssMb} MB in use, ceiling ${maxRssMb} MB): no further chronology can be opened just now. Try again in a minute.`;
}
