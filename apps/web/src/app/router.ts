// The app's routes: a few paths, parsed without a routing library. History-API navigation; the
// server answers index.html for any path that is not an API route or a file.

export type Route =
  | { readonly name: 'sign-in'; readonly next: string | null }
  | { readonly name: 'caseload' }
  | { readonly name: 'chronology'; readonly id: string }
  | { readonly name: 'not-found' };

const CHRONOLOGY = /^\/chronologies\/([0-9a-f-]{36})\/?$/;

export function parseRoute(pathname: string, search = ''): Route {
  if (pathname === '/sign-in') return { name: 'sign-in', next: safeNext(new URLSearchParams(search).get('next')) };
  if (pathname === '/' || pathname === '') return { name: 'caseload' };
  const m = CHRONOLOGY.exec(pathname);
  if (m) return { name: 'chronology', id: m[1]! };
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

export function chronologyPath(id: string): string {
  return `/chronologies/${id}`;
}
