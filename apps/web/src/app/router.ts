// The app's routes: a few paths, parsed without a routing library. History-API navigation; the
// server answers index.html for any path that is not an API route or a file.

export type Route =
  | { readonly name: 'sign-in'; readonly next: string | null; readonly error: string | null }
  | { readonly name: 'caseload' }
  | { readonly name: 'new-chronology' }
  | { readonly name: 'chronology'; readonly id: string }
  | { readonly name: 'import'; readonly id: string }
  | { readonly name: 'pack'; readonly id: string }
  | { readonly name: 'members'; readonly id: string }
  | { readonly name: 'analysis'; readonly id: string }
  | { readonly name: 'snapshot'; readonly id: string; readonly snapshotId: string }
  | { readonly name: 'household'; readonly id: string }
  | { readonly name: 'emergency-access' }
  | { readonly name: 'notifications' }
  | { readonly name: 'admin' }
  | { readonly name: 'change-password' }
  | { readonly name: 'alert-settings' }
  | { readonly name: 'not-found' };

export const CHANGE_PASSWORD_PATH = '/account/password';
export const ALERT_SETTINGS_PATH = '/account/alerts';

const UUID = '([0-9a-f-]{36})';
const CHRONOLOGY = new RegExp(`^/chronologies/${UUID}(?:/(import|pack|members|analysis))?/?$`);
const SNAPSHOT = new RegExp(`^/chronologies/${UUID}/snapshots/${UUID}/?$`);
const HOUSEHOLD = new RegExp(`^/households/${UUID}/?$`);

export function parseRoute(pathname: string, search = ''): Route {
  if (pathname === '/sign-in') {
    const params = new URLSearchParams(search);
    const error = params.get('error');
    return { name: 'sign-in', next: safeNext(params.get('next')), error: error && /^[a-z_]{1,40}$/.test(error) ? error : null };
  }
  if (pathname === '/' || pathname === '') return { name: 'caseload' };
  if (pathname === '/chronologies/new') return { name: 'new-chronology' };
  if (pathname === '/emergency-access') return { name: 'emergency-access' };
  if (pathname === '/notifications') return { name: 'notifications' };
  if (pathname === '/admin' || pathname === '/admin/') return { name: 'admin' };
  if (pathname === CHANGE_PASSWORD_PATH || pathname === `${CHANGE_PASSWORD_PATH}/`) return { name: 'change-password' };
  if (pathname === ALERT_SETTINGS_PATH || pathname === `${ALERT_SETTINGS_PATH}/`) return { name: 'alert-settings' };
  const s = SNAPSHOT.exec(pathname);
  if (s) return { name: 'snapshot', id: s[1]!, snapshotId: s[2]! };
  const h = HOUSEHOLD.exec(pathname);
  if (h) return { name: 'household', id: h[1]! };
  const m = CHRONOLOGY.exec(pathname);
  if (m) {
    const sub = m[2] as ChronologySubpageName | undefined;
    return sub ? { name: sub, id: m[1]! } : { name: 'chronology', id: m[1]! };
  }
  return { name: 'not-found' };
}

/**
 * Where to go after signing in: only a path on this site. "//evil.example" and "https://…" are
 * refused, so a crafted sign-in link cannot send someone elsewhere.
 */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/sign-in')) return null;
  return next;
}

export function signInPath(next: string | null): string {
  const safe = safeNext(next);
  return safe && safe !== '/' ? `/sign-in?next=${encodeURIComponent(safe)}` : '/sign-in';
}

/** The pages about one chronology, each at /chronologies/<id>/<name>. */
export type ChronologySubpageName = 'import' | 'pack' | 'members' | 'analysis';

export function chronologyPath(id: string, sub?: ChronologySubpageName): string {
  return sub ? `/chronologies/${id}/${sub}` : `/chronologies/${id}`;
}

export function snapshotPath(id: string, snapshotId: string): string {
  return `/chronologies/${id}/snapshots/${snapshotId}`;
}

/** The household view: every linked child's timeline, one above another (issue 14). */
export function householdPath(householdId: string): string {
  return `/households/${householdId}`;
}
