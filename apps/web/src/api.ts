// The REST API as the browser uses it: same origin, the session cookie, JSON both ways, and one
// error shape ({ error: { code, message, fields? } }). A 401 anywhere means the session ended; the
// app is told once, and shows the sign-in page with a clear message.
import type { ActionCreateInput, ActionItem, ActionPatchInput, Agency, Entry, PackPreview } from '@mac/domain';
import type { CheckedRow, CreateChronologyBody, Duplicate, HighlightLike, HighlightReview, HistoryItem, PackFormat, PackRequestBody, RowProblem, ServerReviewRecord } from '@mac/ui';
import type { AgencyView, AlertPreferences, AnalysisPosition, AnalysisView, HouseholdRelationship, ReviewHistoryItem, SinceReview } from '@mac/domain';
import { fileNameFrom } from '@mac/ui';

export type Role = 'practitioner' | 'dsl' | 'lead' | 'admin';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  agency: Agency;
  /** False for an account that signs in only through single sign-on: it has no password to change. */
  hasPassword: boolean;
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
  /** Open actions past their due date (issue 15). */
  overdueActions: number;
}

/** An action as GET /api/chronologies/:id/actions shows it to this reader (issue 15). */
export interface ActionView extends ActionItem {
  ownerName: string;
  createdByName: string;
  overdue: boolean;
  daysOverdue: number;
  history: Array<{ at: string; by: string; byName: string; kind: 'create' | 'update'; changes: Record<string, { from: unknown; to: unknown }> }>;
}

/** One entry found by GET /api/search: where it is, and its text around the matches in runs. */
export interface SearchResult {
  chronologyId: string;
  child: { givenName: string; familyName: string };
  entryId: string;
  date: string;
  time: string;
  category: string;
  agency: string;
  summary: string;
  restricted: boolean;
  snippet: Array<{ text: string; match: boolean }>;
}

export interface SearchPage {
  results: SearchResult[];
  limit: number;
  offset: number;
  nextOffset: number | null;
}

/** A child of the household, as GET /api/chronologies/:id/household shows it: never more than this. */
export interface HouseholdChild {
  chronologyId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  lead: { name: string; agency: string };
  relationship: HouseholdRelationship;
  from: string | null;
  to: string | null;
  /** Whether the reader may open this child's chronology. */
  canOpen: boolean;
}

export interface HouseholdView {
  household: { id: string; name: string | null } | null;
  /** Every child in the household, the one asked about first. */
  children: HouseholdChild[];
}

export interface Permissions {
  canWrite: boolean;
  isLead: boolean;
  canReview: boolean;
  canExport: boolean;
  canFamilyExport?: boolean;
  canAudit: boolean;
  readOnly?: boolean;
}

export interface ChronologyDetail extends ChronologySummary {
  createdAt: string;
  /** When the caller's emergency read-only access ends; null for members. */
  emergencyAccessUntil: string | null;
  docs: { shared: string; restricted: string | null };
  permissions: Permissions;
}

/** GET …/analysis/history: every saved version of the summary and every view ever recorded, oldest first. */
export interface AnalysisHistory {
  versions: Array<{ version: number; text: string; familySummary: string; by: string; agency: string; at: string }>;
  views: AgencyView[];
}

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

/** A highlight as the server reports it, with its review. */
export interface ServerHighlight extends HighlightLike {
  readonly review: HighlightReview | null;
  readonly reopened: boolean;
  readonly reviewHistory: readonly ReviewHistoryItem[];
  readonly sinceReview: SinceReview | null;
}

export interface ImportOutcome {
  importId: string | null;
  dryRun: boolean;
  imported: number;
  entryIds: string[];
  rows: CheckedRow[];
  duplicates: Duplicate[];
}

export interface ProducedPack {
  blob: Blob;
  fileName: string;
  snapshotId: string | null;
  version: string | null;
}

export interface Snapshot {
  id: string;
  label: string;
  takenAt: string;
  takenBy: { id: string; name: string };
  conferenceDate: string | null;
  kind: string | null;
  format: string | null;
  version: string | null;
  entryCount: number | null;
  options: { from: string | null; to: string | null; agencies: string[] | null } | null;
}

export interface OpenedSnapshot {
  snapshot: Snapshot & { entryIds: string[] };
  version: string;
  readOnly: true;
  entries: Entry[];
}

export interface Changes {
  since: Snapshot | null;
  version: string;
  added: Entry[];
  amended: Array<{ entry: Entry; changes: Record<string, { from: unknown; to: unknown }> }>;
  withdrawn: Array<{ entry: Entry; reason: string; newSinceSnapshot: boolean }>;
}

export interface Grant {
  id: string;
  chronologyId: string;
  userId: string;
  userName: string;
  agency: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  reviewedAt: string | null;
  reviewNote: string | null;
  reads: number;
  /** The same user had emergency access to this chronology before (each grant needs its own reason). */
  repeat: boolean;
  earlierGrants: number;
  lastGrantedAt: string | null;
}

/** GET/PUT /api/me/alert-preferences: your own alert settings. */
export interface AlertPreferencesView {
  preferences: AlertPreferences;
  /** Whether your role is alerted (the lead professional of a chronology, DSLs). */
  receivesAlerts: boolean;
  /** Whether alerts are also emailed. */
  email: boolean;
  /** The hour (UTC) of the daily digest. */
  digestHour: number;
}

export interface Notification {
  id: string;
  chronologyId: string | null;
  kind: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

/** A user as an administrator sees them (never a password or an SSO subject). */
/** GET /api/admin/access-review: the periodic review of who can still get in. */
export interface AccessReview {
  generatedAt: string;
  staleAfterDays: number;
  users: Array<{ id: string; email: string; name: string; role: string; agency: string; agencyName: string; disabled: boolean; ssoBound: boolean; createdAt: string; lastSignInAt: string | null; liveSessions: number; stale: boolean }>;
  tokens: Array<{ id: string; agency: string; name: string; createdAt: string; issuedBy: string; lastUsedAt: string | null; revokedAt: string | null; stale: boolean }>;
  summary: { users: number; disabled: number; staleUsers: number; tokens: number; staleTokens: number };
}

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The agency's slug. */
  agency: string;
  disabled: boolean;
  /** A single sign-on identity is bound to the account (at its first SSO sign-in). */
  ssoBound: boolean;
  /** False while it awaits a second approver (it cannot sign in until then). */
  approved: boolean;
}

/** An account or API token an administrator created, awaiting a second person (the two-person rule). */
export interface PendingApproval {
  kind: 'user' | 'token';
  id: string;
  name: string;
  email: string | null;
  /** The account's role; null for an API token. */
  role: Role | null;
  agency: string;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  /** Whether this user may approve it (nobody approves what they created). */
  mayApprove: boolean;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  agency: string;
  /** The initial password; the server checks it against the password policy (422 with a `password` field). */
  password: string;
}

/** An agency system's API token, without its secret. */
export interface ApiToken {
  id: string;
  /** The agency's slug. */
  agency: string;
  name: string;
  createdAt: string;
  /** The name of the administrator who issued it. */
  issuedBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** False while it awaits a second approver (it does not work until then). */
  approved: boolean;
}

export interface IssuedToken {
  /** The secret: the server keeps only its hash and will never show it again. */
  token: string;
  record: ApiToken;
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
  return {
    me: () => request<Me>('GET', '/api/me', undefined, { quiet401: true }),
    /** Who is signed in, if anyone: 200 either way, so a cold load of the sign-in page logs no failed request. */
    session: () => request<{ signedIn: false } | { signedIn: true; user: Me }>('GET', '/api/auth/session', undefined, { quiet401: true }),
    /** Tells the server the person is using the page (an ordinary request: the session's idle clock restarts). */
    ping: () => request<Me>('GET', '/api/me'),
    login: (email: string, password: string) => request<{ user: Me }>('POST', '/api/auth/login', { email, password }, { quiet401: true }),
    logout: () => request<void>('POST', '/api/auth/logout', undefined, { quiet401: true }),
    /**
     * Changes the signed-in user's password. On success (204) the server has ended every session of
     * theirs, this one included, and cleared the cookie; a wrong current password or a new one the
     * policy refuses is a 422 naming `currentPassword` or `newPassword`.
     */
    changePassword: (currentPassword: string, newPassword: string) => request<void>('POST', '/api/auth/password', { currentPassword, newPassword }),
    oidcStatus: () => request<{ enabled: boolean }>('GET', '/api/auth/oidc/status', undefined, { quiet401: true }),
    agencies: () => request<{ agencies: Agency[] }>('GET', '/api/agencies'),
    chronologies: () => request<{ chronologies: ChronologySummary[] }>('GET', '/api/chronologies'),
    /** Entries of every chronology the caller may see, found by their text, best first (issue 15). */
    search: (q: string, offset = 0) => request<SearchPage>('GET', `/api/search?q=${enc(q)}${offset > 0 ? `&offset=${offset}` : ''}`),
    chronology: (id: string) => request<ChronologyDetail>('GET', base(id)),
    createChronology: (body: CreateChronologyBody) => request<ChronologyDetail>('POST', '/api/chronologies', body),
    addMember: (id: string, agency: string) => request<ChronologyDetail>('POST', `${base(id)}/members`, { agency }),
    removeMember: (id: string, agency: string) => request<ChronologyDetail>('DELETE', `${base(id)}/members/${enc(agency)}`),
    entries: (id: string) => request<{ entries: Entry[] }>('GET', `${base(id)}/entries`),
    household: (id: string) => request<HouseholdView>('GET', `${base(id)}/household`),
    /** A household by its id: every current child, oldest first, and which ones the caller may open (the household view). */
    householdById: (householdId: string) => request<HouseholdView & { household: { id: string; name: string | null } }>('GET', `/api/households/${enc(householdId)}`),
    /** Every entry of a chronology the caller may see (withdrawn ones left out), read a page of 2,000 at a time. */
    allEntries: async (id: string): Promise<Entry[]> => {
      const all: Entry[] = [];
      let cursor: string | undefined;
      do {
        const page = await request<{ entries: Entry[]; next?: string }>('GET', `${base(id)}/entries?limit=2000${cursor ? `&cursor=${enc(cursor)}` : ''}`);
        all.push(...page.entries);
        cursor = page.next;
      } while (cursor);
      return all;
    },
    actions: (id: string) => request<{ actions: ActionView[]; owners: Array<{ id: string; name: string; agency: string }>; today: string }>('GET', `${base(id)}/actions`),
    raiseAction: (id: string, body: ActionCreateInput) => request<{ action: ActionView }>('POST', `${base(id)}/actions`, body),
    changeAction: (id: string, actionId: string, body: ActionPatchInput) => request<{ action: ActionView }>('PATCH', `${base(id)}/actions/${enc(actionId)}`, body),
    createHousehold: (body: { chronologyIds: string[]; name?: string; children?: Array<{ chronologyId: string; relationship?: string }> }) =>
      request<{ id: string }>('POST', '/api/households', body),
    addHouseholdChild: (householdId: string, body: { chronologyId: string; relationship?: string }) =>
      request<{ id: string; chronologyId: string }>('POST', `/api/households/${enc(householdId)}/children`, body),
    removeHouseholdChild: (householdId: string, chronologyId: string) => request<void>('DELETE', `/api/households/${enc(householdId)}/children/${enc(chronologyId)}`),
    analysis: (id: string) => request<AnalysisView>('GET', `${base(id)}/analysis`),
    analysisHistory: (id: string) => request<AnalysisHistory>('GET', `${base(id)}/analysis/history`),
    /** Saves the summary (the lead only) from `version`: 409 analysis_conflict if it has been saved since. */
    saveAnalysis: (id: string, body: { text: string; familySummary?: string }, version: number) =>
      request<AnalysisView>('PUT', `${base(id)}/analysis`, body, { headers: { 'If-Match': `"analysis-v${version}"` } }),
    /** Records the caller's agency's view: a new record, earlier ones stay. */
    saveAgencyView: (id: string, agency: string, body: { position: AnalysisPosition; text: string }) =>
      request<AnalysisView>('PUT', `${base(id)}/analysis/views/${enc(agency)}`, body),
    history: (id: string, entryId: string) => request<{ history: HistoryItem[] }>('GET', `${base(id)}/entries/${enc(entryId)}/history`),
    tightenSharing: (id: string, entryId: string, reason: string) =>
      request<{ entry: Entry }>('POST', `${base(id)}/entries/${enc(entryId)}/sharing`, { sharing: 'professionals', reason }),
    decideSharing: (id: string, entryIds: string[], sharing: 'family' | 'professionals', reason: string) =>
      request<{ entries: Entry[] }>('POST', `${base(id)}/sharing`, { entryIds, sharing, reason }),
    patterns: (id: string) => request<{ highlights: ServerHighlight[]; reviews: ServerReviewRecord[] }>('GET', `${base(id)}/patterns`),
    reviewHighlight: (id: string, highlightId: string, status: 'reviewed' | 'dismissed', note: string) =>
      request<ServerHighlight & { record: ServerReviewRecord }>('POST', `${base(id)}/patterns/${enc(highlightId)}/review`, { status, note }),
    /** The server-sent event stream of reviews (apps/server routes/pattern-events.ts). */
    reviewEventsPath: (id: string) => `${base(id)}/patterns/events`,
    patternConfig: () => request<{ config: unknown }>('GET', '/api/pattern-config'),
    importCsv: async (id: string, csv: string, opts: { dryRun: boolean; fileName: string }) => {
      const query = new URLSearchParams({ fileName: opts.fileName.slice(0, 255) });
      if (opts.dryRun) query.set('dryRun', '1');
      const response = await send('POST', `${base(id)}/import?${query.toString()}`, { csv }, false);
      return (await response.json()) as ImportOutcome;
    },
    exportCsvPath: (id: string) => `${base(id)}/export.csv`,
    packPreview: (id: string, body: PackRequestBody) => request<PackPreview>('POST', `${base(id)}/packs/preview`, body),
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
    snapshots: (id: string) => request<{ snapshots: Snapshot[] }>('GET', `${base(id)}/snapshots`),
    snapshot: (id: string, snapshotId: string) => request<OpenedSnapshot>('GET', `${base(id)}/snapshots/${enc(snapshotId)}`),
    changes: (id: string, since?: string) => request<Changes>('GET', `${base(id)}/changes${since ? `?since=${enc(since)}` : ''}`),
    breakGlassLookup: (nhsNumber: string) => request<{ chronologyId: string; childInitials: string; leadName: string }>('POST', '/api/break-glass/lookup', { nhsNumber }),
    breakGlass: (id: string, reason: string, password: string) => request<Grant>('POST', `${base(id)}/break-glass`, { reason, password }),
    /** Emergency access confirmed at the single sign-on provider: where to send the browser. */
    breakGlassSso: (id: string, reason: string) => request<{ redirectTo: string }>('POST', `${base(id)}/break-glass/sso`, { reason }),
    breakGlassReviews: () => request<{ grants: Grant[] }>('GET', '/api/break-glass/reviews'),
    reviewBreakGlass: (grantId: string, note: string) => request<Grant>('POST', `/api/break-glass/${enc(grantId)}/review`, { note }),
    notifications: () => request<{ notifications: Notification[] }>('GET', '/api/notifications'),
    markNotificationRead: (notificationId: string) => request<void>('POST', `/api/notifications/${enc(notificationId)}/read`),
    alertPreferences: () => request<AlertPreferencesView>('GET', '/api/me/alert-preferences'),
    saveAlertPreferences: (preferences: AlertPreferences) => request<AlertPreferencesView>('PUT', '/api/me/alert-preferences', preferences),
    // Administration (role admin only; everyone else gets 403).
    adminUsers: () => request<{ users: AdminUser[] }>('GET', '/api/admin/users'),
    accessReview: () => request<AccessReview>('GET', '/api/admin/access-review'),
    createUser: (body: NewUser) => request<{ user: AdminUser }>('POST', '/api/admin/users', body),
    /** Ends every session and live connection of the user at once. */
    disableUser: (userId: string) => request<void>('POST', `/api/admin/users/${enc(userId)}/disable`),
    enableUser: (userId: string) => request<void>('POST', `/api/admin/users/${enc(userId)}/enable`),
    /** Forgets the user's single sign-on identity: their next SSO sign-in binds the one it presents. */
    unbindSso: (userId: string) => request<void>('POST', `/api/admin/users/${enc(userId)}/sso-unbind`),
    apiTokens: () => request<{ tokens: ApiToken[] }>('GET', '/api/admin/tokens'),
    issueToken: (agency: string, name: string) => request<IssuedToken>('POST', '/api/admin/tokens', { agency, name }),
    revokeToken: (tokenId: string) => request<void>('POST', `/api/admin/tokens/${enc(tokenId)}/revoke`),
    // The two-person rule: administrators and leads (their own agency's).
    approvals: () => request<{ pending: PendingApproval[] }>('GET', '/api/approvals'),
    approve: (kind: 'user' | 'token', id: string) => request<void>('POST', `/api/approvals/${kind === 'user' ? 'users' : 'tokens'}/${enc(id)}`),
  };
}
