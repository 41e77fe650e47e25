// The REST API as the browser uses it: same origin, the session cookie, JSON both ways, and one
// error shape ({ error: { code, message, fields? } }). A 401 anywhere means the session ended; the
// app is told once, and shows the sign-in page with a clear message.
import type { ActionCreateInput, ActionPatchInput, AlertPreferences, AnalysisPosition, EntryInput } from '@mac/domain';
import type { CreateChronologyBody, PackFormat, PackRequestBody } from '@mac/ui';
import { fileNameFrom } from '@mac/ui';
import type { ItemOf, Query, Reply, Schemas } from './api/types.js';

// Every reply's type comes from the server's OpenAPI document (api/schema.gen.ts, generated; see
// api/types.ts): none is declared here. The names below are for the pages' convenience.
export type Me = Schemas['Me'];
export type Role = Me['role'];
export type Child = Schemas['Child'];
export type ChronologySummary = Schemas['ChronologySummary'];
/** GET /api/chronologies: a page of the caseload, how many there are in all, and the cursor of the next page. */
export type CaseloadPage = Reply<'/api/chronologies', 'get'>;
export type CaseloadQuery = Query<'/api/chronologies', 'get'>;
export type ChronologyDetail = Schemas['Chronology'];
export type Permissions = ChronologyDetail['permissions'];
export type Entry = Schemas['Entry'];
/** An action as GET /api/chronologies/:id/actions shows it to this reader (issue 15). */
export type ActionView = Schemas['Action'];
/** One entry found by GET /api/search: where it is, and its text around the matches in runs. */
export type SearchResult = Schemas['SearchResult'];
export type SearchPage = Reply<'/api/search', 'get'>;
export type HouseholdView = Schemas['HouseholdView'];
/** A person around the child (issue 14 item 3), links and flags limited to what the caller may see. */
export type PersonRecord = Schemas['Person'];
/** A flag on a person, as the caller may see it. */
export type PersonFlag = Schemas['PersonFlag'];
export interface NewPersonBody {
  givenName: string;
  familyName: string;
  dateOfBirth?: string | null;
  relationship: string;
}
/** A child of the household, as GET /api/chronologies/:id/household shows it: never more than this. */
export type HouseholdChild = Schemas['HouseholdChild'];
/** What recording a household event answers: one copy per child written, the children left out and why (issue 14). */
export type HouseholdEventResult = Schemas['HouseholdEventResult'];
/** A household event's copies on the siblings' chronologies that the reader may open. */
export type HouseholdCopies = Schemas['HouseholdCopies'];
export type AnalysisView = Schemas['Analysis'];
/** GET …/analysis/history: every saved version of the summary and every view ever recorded, oldest first. */
export type AnalysisHistory = Schemas['AnalysisHistory'];
/** A highlight as the server reports it, with its review. */
export type ServerHighlight = Schemas['Highlight'];
export type ServerReviewRecord = Schemas['ReviewRecord'];
export type ImportOutcome = Schemas['ImportResult'];
export type Snapshot = Schemas['Snapshot'];
export type OpenedSnapshot = Reply<'/api/chronologies/{id}/snapshots/{snapshotId}', 'get'>;
export type Changes = Schemas['ChangesSinceSnapshot'];
export type Grant = Schemas['BreakGlassGrant'];
/** GET/PUT /api/me/alert-preferences: your own alert settings. */
export type AlertPreferencesView = Schemas['AlertPreferencesView'];
export type Notification = ItemOf<Reply<'/api/notifications', 'get'>['notifications']>;
/** GET /api/admin/access-review: the periodic review of who can still get in. */
export type AccessReview = Schemas['AccessReview'];
/** A user as an administrator sees them (never a password or an SSO subject). */
export type AdminUser = Schemas['User'];
/** An account or API token an administrator created, awaiting a second person (the two-person rule). */
export type PendingApproval = Schemas['PendingApproval'];
export type NewUser = Schemas['CreateUser'];
/** An agency system's API token, without its secret. */
export type ApiToken = Schemas['ApiToken'];
export type IssuedToken = Reply<'/api/admin/tokens', 'post'>;

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];
  /** The whole error object, for errors that say more (an import's rows and duplicates). */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, fields: FieldProblem[] = [], details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export interface ProducedPack {
  blob: Blob;
  fileName: string;
  snapshotId: string | null;
  version: string | null;
}

export interface ApiOptions {
  /** Called when any request answers 401: the session has ended. */
  onUnauthenticated?: () => void;
  /** Called as each request is sent: the server counts it as the person's activity. */
  onRequest?: () => void;
  fetchImpl?: typeof fetch;
}

export type Api = ReturnType<typeof createApi>;

export function createApi(options: ApiOptions = {}) {
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(method: string, path: string, body: { json: unknown } | { csv: string } | undefined, quiet401: boolean, extraHeaders: Record<string, string> = {}): Promise<Response> {
    let response: Response;
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    if (body && 'json' in body) headers['Content-Type'] = 'application/json';
    if (body && 'csv' in body) headers['Content-Type'] = 'text/csv; charset=utf-8';
    options.onRequest?.();
    try {
      response = await doFetch(path, {
        method,
        credentials: 'same-origin',
        headers,
        body: body === undefined ? undefined : 'json' in body ? JSON.stringify(body.json) : body.csv,
      });
    } catch {
      throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
    }
    if (!response.ok) {
      let data: unknown = null;
      try {
        data = await response.json();
      } catch {
        data = null;
      }
      const error = (data as { error?: { code?: string; message?: string; fields?: FieldProblem[] } & Record<string, unknown> } | null)?.error;
      const problem = new ApiError(
        response.status,
        error?.code ?? `http_${response.status}`,
        error?.message ?? `The server answered ${response.status}. Try again; if it keeps happening, tell your administrator.`,
        error?.fields ?? [],
        error ?? {},
      );
      if (response.status === 401 && !quiet401) options.onUnauthenticated?.();
      throw problem;
    }
    return response;
  }

  async function request<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean; headers?: Record<string, string> } = {}): Promise<T> {
    const response = await send(method, path, body === undefined ? undefined : { json: body }, opts.quiet401 ?? false, opts.headers);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      return null as T;
    }
  }

  const enc = encodeURIComponent;
  const base = (id: string) => `/api/chronologies/${enc(id)}`;
  const chronologies = (params: CaseloadQuery = {}) => {
    const query = new URLSearchParams();
    if (params.q) query.set('q', params.q);
    if (params.limit !== undefined) query.set('limit', String(params.limit));
    if (params.after) query.set('after', params.after);
    const search = query.toString();
    return request<CaseloadPage>('GET', `/api/chronologies${search ? `?${search}` : ''}`);
  };
  return {
    me: () => request<Reply<'/api/me', 'get'>>('GET', '/api/me', undefined, { quiet401: true }),
    /** Who is signed in, if anyone: 200 either way, so a cold load of the sign-in page logs no failed request. */
    session: () => request<Reply<'/api/auth/session', 'get'>>('GET', '/api/auth/session', undefined, { quiet401: true }),
    /** Tells the server the person is using the page (an ordinary request: the session's idle clock restarts). */
    ping: () => request<Reply<'/api/me', 'get'>>('GET', '/api/me'),
    login: (email: string, password: string) => request<Reply<'/api/auth/login', 'post'>>('POST', '/api/auth/login', { email, password }, { quiet401: true }),
    logout: () => request<void>('POST', '/api/auth/logout', undefined, { quiet401: true }),
    /**
     * Changes the signed-in user's password. On success (204) the server has ended every session of
     * theirs, this one included, and cleared the cookie; a wrong current password or a new one the
     * policy refuses is a 422 naming `currentPassword` or `newPassword`.
     */
    changePassword: (currentPassword: string, newPassword: string) => request<void>('POST', '/api/auth/password', { currentPassword, newPassword }),
    oidcStatus: () => request<Reply<'/api/auth/oidc/status', 'get'>>('GET', '/api/auth/oidc/status', undefined, { quiet401: true }),
    agencies: () => request<Reply<'/api/agencies', 'get'>>('GET', '/api/agencies'),
    /**
     * One page of the chronologies the caller may see, newest first: `q` matches the child's name or NHS
     * number, `limit` is 1 to 200 (the server's default 50), `after` the `next` of the page before.
     * `total` counts every page.
     */
    chronologies,
    /**
     * Every chronology the caller may see, newest first, read 200 at a time (the most a page holds): for
     * a page that truly needs more than one page of them; `enough` stops as soon as it has what it needs.
     * A county caseload is thousands (25 requests for 5,000): ask for a page or a search where that will do.
     */
    everyChronology: async (enough: (sofar: readonly ChronologySummary[]) => boolean = () => false): Promise<ChronologySummary[]> => {
      const all: ChronologySummary[] = [];
      let after: string | null = null;
      do {
        const page: CaseloadPage = await chronologies({ limit: '200', ...(after ? { after } : {}) });
        all.push(...page.chronologies);
        after = page.next;
      } while (after && !enough(all));
      return all;
    },
    /** Entries of every chronology the caller may see, found by their text, best first (issue 15). */
    search: (q: string, offset = 0) => request<Reply<'/api/search', 'get'>>('GET', `/api/search?q=${enc(q)}${offset > 0 ? `&offset=${offset}` : ''}`),
    /**
     * One chronology, without its open-highlight count (`openHighlights` null): no page shows it (the
     * caseload's come from the list; a chronology page works its highlights out live). Without `none` the
     * server runs every pattern rule over the chronology before answering (or, with `kept`, reads what it
     * needs to find a kept count).
     */
    chronology: (id: string) => request<Reply<'/api/chronologies/{id}', 'get'>>('GET', `${base(id)}?openHighlights=none`),
    createChronology: (body: CreateChronologyBody) => request<Reply<'/api/chronologies', 'post'>>('POST', '/api/chronologies', body),
    addMember: (id: string, agency: string) => request<Reply<'/api/chronologies/{id}/members', 'post'>>('POST', `${base(id)}/members`, { agency }),
    removeMember: (id: string, agency: string) => request<Reply<'/api/chronologies/{id}/members/{agency}', 'delete'>>('DELETE', `${base(id)}/members/${enc(agency)}`),
    entries: (id: string) => request<Reply<'/api/chronologies/{id}/entries', 'get'>>('GET', `${base(id)}/entries`),
    /** The first `limit` entries in timeline order (withdrawn ones left out); `next` when there are more. */
    entriesPage: (id: string, limit: number) => request<Reply<'/api/chronologies/{id}/entries', 'get'>>('GET', `${base(id)}/entries?limit=${limit}`),
    household: (id: string) => request<Reply<'/api/chronologies/{id}/household', 'get'>>('GET', `${base(id)}/household`),
    /** A household by its id: every current child, oldest first, and which ones the caller may open (the household view). */
    householdById: (householdId: string) => request<Reply<'/api/households/{householdId}', 'get'>>('GET', `/api/households/${enc(householdId)}`),
    /** Every entry of a chronology the caller may see (withdrawn ones left out), read a page of 2,000 at a time. */
    allEntries: async (id: string): Promise<Entry[]> => {
      const all: Entry[] = [];
      let cursor: string | undefined;
      do {
        const page = await request<Reply<'/api/chronologies/{id}/entries', 'get'>>('GET', `${base(id)}/entries?limit=2000${cursor ? `&cursor=${enc(cursor)}` : ''}`);
        all.push(...page.entries);
        cursor = page.next;
      } while (cursor);
      return all;
    },
    actions: (id: string) => request<Reply<'/api/chronologies/{id}/actions', 'get'>>('GET', `${base(id)}/actions`),
    raiseAction: (id: string, body: ActionCreateInput) => request<Reply<'/api/chronologies/{id}/actions', 'post'>>('POST', `${base(id)}/actions`, body),
    changeAction: (id: string, actionId: string, body: ActionPatchInput) => request<Reply<'/api/chronologies/{id}/actions/{actionId}', 'patch'>>('PATCH', `${base(id)}/actions/${enc(actionId)}`, body),
    createHousehold: (body: { chronologyIds: string[]; name?: string; children?: Array<{ chronologyId: string; relationship?: string }> }) =>
      request<Reply<'/api/households', 'post'>>('POST', '/api/households', body),
    addHouseholdChild: (householdId: string, body: { chronologyId: string; relationship?: string }) =>
      request<Reply<'/api/households/{householdId}/children', 'post'>>('POST', `/api/households/${enc(householdId)}/children`, body),
    people: (id: string) => request<Reply<'/api/chronologies/{id}/people', 'get'>>('GET', `${base(id)}/people`),
    addPerson: (id: string, body: NewPersonBody) => request<Reply<'/api/chronologies/{id}/people', 'post'>>('POST', `${base(id)}/people`, body),
    updatePerson: (personId: string, body: Partial<NewPersonBody> & { relationships?: Array<{ chronologyId: string; relationship: string }> }) =>
      request<Reply<'/api/people/{personId}', 'patch'>>('PATCH', `/api/people/${enc(personId)}`, body),
    flagPerson: (personId: string, body: { kind: string; reason: string; sharing: string }) => request<Reply<'/api/people/{personId}/flags', 'post'>>('POST', `/api/people/${enc(personId)}/flags`, body),
    withdrawPersonFlag: (personId: string, flagId: string, reason: string) =>
      request<Reply<'/api/people/{personId}/flags/{flagId}/withdraw', 'post'>>('POST', `/api/people/${enc(personId)}/flags/${enc(flagId)}/withdraw`, { reason }),
    mergeSuggestions: (id: string) => request<Reply<'/api/chronologies/{id}/people/merge-suggestions', 'get'>>('GET', `${base(id)}/people/merge-suggestions`),
    mergePerson: (personId: string, intoPersonId: string) => request<Reply<'/api/people/{personId}/merge', 'post'>>('POST', `/api/people/${enc(personId)}/merge`, { intoPersonId }),
    removeHouseholdChild: (householdId: string, chronologyId: string) => request<void>('DELETE', `/api/households/${enc(householdId)}/children/${enc(chronologyId)}`),
    /** Records one event for the household: a copy on each chosen child's chronology your agency is a member of (issue 14). */
    recordHouseholdEvent: (householdId: string, body: EntryInput & { chronologyIds: string[] }) =>
      request<Reply<'/api/households/{householdId}/events', 'post'>>('POST', `/api/households/${enc(householdId)}/events`, body),
    /** The same household event on the siblings' chronologies, where the reader may open it. */
    householdCopies: (id: string, entryId: string) => request<Reply<'/api/chronologies/{id}/entries/{entryId}/household-copies', 'get'>>('GET', `${base(id)}/entries/${enc(entryId)}/household-copies`),
    analysis: (id: string) => request<Reply<'/api/chronologies/{id}/analysis', 'get'>>('GET', `${base(id)}/analysis`),
    analysisHistory: (id: string) => request<Reply<'/api/chronologies/{id}/analysis/history', 'get'>>('GET', `${base(id)}/analysis/history`),
    /** Saves the summary (the lead only) from `version`: 409 analysis_conflict if it has been saved since. */
    saveAnalysis: (id: string, body: { text: string; familySummary?: string }, version: number) =>
      request<Reply<'/api/chronologies/{id}/analysis', 'put'>>('PUT', `${base(id)}/analysis`, body, { headers: { 'If-Match': `"analysis-v${version}"` } }),
    /** Records the caller's agency's view: a new record, earlier ones stay. */
    saveAgencyView: (id: string, agency: string, body: { position: AnalysisPosition; text: string }) =>
      request<Reply<'/api/chronologies/{id}/analysis/views/{agency}', 'put'>>('PUT', `${base(id)}/analysis/views/${enc(agency)}`, body),
    history: (id: string, entryId: string) => request<Reply<'/api/chronologies/{id}/entries/{entryId}/history', 'get'>>('GET', `${base(id)}/entries/${enc(entryId)}/history`),
    tightenSharing: (id: string, entryId: string, reason: string) =>
      request<Reply<'/api/chronologies/{id}/entries/{entryId}/sharing', 'post'>>('POST', `${base(id)}/entries/${enc(entryId)}/sharing`, { sharing: 'professionals', reason }),
    decideSharing: (id: string, entryIds: string[], sharing: 'family' | 'professionals', reason: string) =>
      request<Reply<'/api/chronologies/{id}/sharing', 'post'>>('POST', `${base(id)}/sharing`, { entryIds, sharing, reason }),
    patterns: (id: string) => request<Reply<'/api/chronologies/{id}/patterns', 'get'>>('GET', `${base(id)}/patterns`),
    /** The reviews only (the page works the highlights out itself): the server runs no rule for it. */
    reviews: (id: string) => request<Reply<'/api/chronologies/{id}/patterns/reviews', 'get'>>('GET', `${base(id)}/patterns/reviews`),
    reviewHighlight: (id: string, highlightId: string, status: 'reviewed' | 'dismissed', note: string) =>
      request<Reply<'/api/chronologies/{id}/patterns/{highlightId}/review', 'post'>>('POST', `${base(id)}/patterns/${enc(highlightId)}/review`, { status, note }),
    /** The server-sent event stream of reviews (apps/server routes/pattern-events.ts). */
    reviewEventsPath: (id: string) => `${base(id)}/patterns/events`,
    patternConfig: () => request<Reply<'/api/pattern-config', 'get'>>('GET', '/api/pattern-config'),
    /** What the family rules read (linked siblings you may open, people and flags you may see). */
    patternFamily: (id: string) => request<Reply<'/api/chronologies/{id}/patterns/family', 'get'>>('GET', `${base(id)}/patterns/family`),
    importCsv: async (id: string, csv: string, opts: { dryRun: boolean; fileName: string }) => {
      const query = new URLSearchParams({ fileName: opts.fileName.slice(0, 255) });
      if (opts.dryRun) query.set('dryRun', '1');
      const response = await send('POST', `${base(id)}/import?${query.toString()}`, { csv }, false);
      return (await response.json()) as ImportOutcome;
    },
    exportCsvPath: (id: string) => `${base(id)}/export.csv`,
    packPreview: (id: string, body: PackRequestBody) => request<Reply<'/api/chronologies/{id}/packs/preview', 'post'>>('POST', `${base(id)}/packs/preview`, body),
    /** The pack as a file, and the snapshot the server froze when it made it. */
    pack: async (id: string, body: PackRequestBody & { format: PackFormat }): Promise<ProducedPack> => {
      const response = await send('POST', `${base(id)}/packs`, { json: body }, false);
      const blob = await response.blob();
      return {
        blob,
        fileName: fileNameFrom(response.headers.get('Content-Disposition'), `conference-pack-${body.kind}-${body.conferenceDate}.${body.format}`),
        snapshotId: response.headers.get('X-Mac-Snapshot'),
        version: response.headers.get('X-Mac-Version'),
      };
    },
    snapshots: (id: string) => request<Reply<'/api/chronologies/{id}/snapshots', 'get'>>('GET', `${base(id)}/snapshots`),
    snapshot: (id: string, snapshotId: string) => request<Reply<'/api/chronologies/{id}/snapshots/{snapshotId}', 'get'>>('GET', `${base(id)}/snapshots/${enc(snapshotId)}`),
    changes: (id: string, since?: string) => request<Reply<'/api/chronologies/{id}/changes', 'get'>>('GET', `${base(id)}/changes${since ? `?since=${enc(since)}` : ''}`),
    breakGlassLookup: (nhsNumber: string) => request<Reply<'/api/break-glass/lookup', 'post'>>('POST', '/api/break-glass/lookup', { nhsNumber }),
    breakGlass: (id: string, reason: string, password: string) => request<Reply<'/api/chronologies/{id}/break-glass', 'post'>>('POST', `${base(id)}/break-glass`, { reason, password }),
    /** Emergency access confirmed at the single sign-on provider: where to send the browser. */
    breakGlassSso: (id: string, reason: string) => request<Reply<'/api/chronologies/{id}/break-glass/sso', 'post'>>('POST', `${base(id)}/break-glass/sso`, { reason }),
    breakGlassReviews: () => request<Reply<'/api/break-glass/reviews', 'get'>>('GET', '/api/break-glass/reviews'),
    reviewBreakGlass: (grantId: string, note: string) => request<Reply<'/api/break-glass/{grantId}/review', 'post'>>('POST', `/api/break-glass/${enc(grantId)}/review`, { note }),
    notifications: () => request<Reply<'/api/notifications', 'get'>>('GET', '/api/notifications'),
    markNotificationRead: (notificationId: string) => request<void>('POST', `/api/notifications/${enc(notificationId)}/read`),
    alertPreferences: () => request<Reply<'/api/me/alert-preferences', 'get'>>('GET', '/api/me/alert-preferences'),
    saveAlertPreferences: (preferences: AlertPreferences) => request<Reply<'/api/me/alert-preferences', 'put'>>('PUT', '/api/me/alert-preferences', preferences),
    // Administration (role admin only; everyone else gets 403).
    adminUsers: () => request<Reply<'/api/admin/users', 'get'>>('GET', '/api/admin/users'),
    accessReview: () => request<Reply<'/api/admin/access-review', 'get'>>('GET', '/api/admin/access-review'),
    createUser: (body: NewUser) => request<Reply<'/api/admin/users', 'post'>>('POST', '/api/admin/users', body),
    /** Ends every session and live connection of the user at once. */
    disableUser: (userId: string) => request<void>('POST', `/api/admin/users/${enc(userId)}/disable`),
    enableUser: (userId: string) => request<void>('POST', `/api/admin/users/${enc(userId)}/enable`),
    /** Forgets the user's single sign-on identity: their next SSO sign-in binds the one it presents. */
    unbindSso: (userId: string) => request<void>('POST', `/api/admin/users/${enc(userId)}/sso-unbind`),
    apiTokens: () => request<Reply<'/api/admin/tokens', 'get'>>('GET', '/api/admin/tokens'),
    issueToken: (agency: string, name: string) => request<Reply<'/api/admin/tokens', 'post'>>('POST', '/api/admin/tokens', { agency, name }),
    revokeToken: (tokenId: string) => request<void>('POST', `/api/admin/tokens/${enc(tokenId)}/revoke`),
    // The two-person rule: administrators and leads (their own agency's).
    approvals: () => request<Reply<'/api/approvals', 'get'>>('GET', '/api/approvals'),
    approve: (kind: 'user' | 'token', id: string) => request<void>('POST', `/api/approvals/${kind === 'user' ? 'users' : 'tokens'}/${enc(id)}`),
  };
}
