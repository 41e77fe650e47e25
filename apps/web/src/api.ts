// The REST API as the browser uses it: same origin, the session cookie, JSON both ways, and one
// error shape ({ error: { code, message, fields? } }). A 401 anywhere means the session ended; the
// app is told once, and shows the sign-in page with a clear message.
import type { Agency, Entry } from '@mac/domain';
import type { HistoryItem, HighlightLike } from '@mac/ui';

export type Role = 'practitioner' | 'dsl' | 'lead' | 'admin';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  agency: Agency;
}

export interface Child {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  nhsNumber: string | null;
}

export interface ChronologySummary {
  id: string;
  child: Child;
  lead: { id: string; name: string; agency: string };
  memberAgencies: string[];
  entryCount: number;
  lastChangeAt: string | null;
  openHighlights: number;
}

export interface Permissions {
  canWrite: boolean;
  isLead: boolean;
  canReview: boolean;
  canExport: boolean;
  canAudit: boolean;
  readOnly?: boolean;
}

export interface ChronologyDetail extends ChronologySummary {
  createdAt: string;
  docs: { shared: string; restricted: string | null };
  permissions: Permissions;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];

  constructor(status: number, code: string, message: string, fields: FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export interface ApiOptions {
  /** Called when any request answers 401: the session has ended. */
  onUnauthenticated?: () => void;
  fetchImpl?: typeof fetch;
}

export type Api = ReturnType<typeof createApi>;

export function createApi(options: ApiOptions = {}) {
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
    }
    if (response.status === 204) return undefined as T;
    let data: unknown = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok) {
      const error = (data as { error?: { code?: string; message?: string; fields?: FieldProblem[] } } | null)?.error;
      const problem = new ApiError(
        response.status,
        error?.code ?? `http_${response.status}`,
        error?.message ?? `The server answered ${response.status}. Try again; if it keeps happening, tell your administrator.`,
        error?.fields ?? [],
      );
      if (response.status === 401 && !opts.quiet401) options.onUnauthenticated?.();
      throw problem;
    }
    return data as T;
  }

  const enc = encodeURIComponent;
  return {
    me: () => request<Me>('GET', '/api/me', undefined, { quiet401: true }),
    login: (email: string, password: string) => request<{ user: Me }>('POST', '/api/auth/login', { email, password }, { quiet401: true }),
    logout: () => request<void>('POST', '/api/auth/logout', undefined, { quiet401: true }),
    agencies: () => request<{ agencies: Agency[] }>('GET', '/api/agencies'),
    chronologies: () => request<{ chronologies: ChronologySummary[] }>('GET', '/api/chronologies'),
    chronology: (id: string) => request<ChronologyDetail>('GET', `/api/chronologies/${enc(id)}`),
    entries: (id: string) => request<{ entries: Entry[] }>('GET', `/api/chronologies/${enc(id)}/entries`),
    history: (id: string, entryId: string) => request<{ history: HistoryItem[] }>('GET', `/api/chronologies/${enc(id)}/entries/${enc(entryId)}/history`),
    patterns: (id: string) => request<{ highlights: HighlightLike[] }>('GET', `/api/chronologies/${enc(id)}/patterns`),
    patternConfig: () => request<{ config: unknown }>('GET', '/api/pattern-config'),
  };
}
