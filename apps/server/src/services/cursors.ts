// The API's page cursors (entries: entry-pages.ts; the caseload: chronologies.ts): a keyset position as
// base64url of a JSON array of strings, opaque to callers. One codec for both, each route naming its
// own field when a cursor is not one of ours.

/** The position's parts as the cursor a caller passes back unchanged. */
export function cursorOf(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The `count` parts a cursor names (each a string of at most 200 characters), or null for anything else. */
export function cursorParts(cursor: string, count: number): string[] | null {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== count || !parts.every((p) => typeof p === 'string' && p.length <= 200)) return null;
  return parts as string[];
}
