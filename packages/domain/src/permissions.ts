// Who may do what, decided in one place. The REST API, the websocket and the UI all ask `decide`,
// so a rule changed here changes everywhere at once.
//
// 404 versus 403: anything a principal may not even know exists (a chronology it cannot see, another
// agency's restricted entry, any chronology content for an administrator) answers 404, exactly as if
// it did not exist; a refusal about something the principal can already see answers 403.

export const ROLES = ['practitioner', 'dsl', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  id: string;
  /** A person, or an agency system calling the API with a token. */
  kind: 'user' | 'token';
  role: Role;
  /** The agency slug the principal acts for. */
  agency: string;
  name: string;
}

/** What `decide` needs to know about a chronology. */
export interface ChronologyAccess {
  id: string;
  leadUserId: string;
  memberAgencies: readonly string[];
  /** Principal ids with temporary read-only (break-glass) access. */
  readOnlyGrants?: readonly string[];
}

/** What `decide` needs to know about an entry (or the entry about to be created). */
export interface EntryAccess {
  agency: string;
  restricted: boolean;
}

export const ACTIONS = [
  'chronology:list',
  'chronology:create',
  'chronology:read',
  'chronology:manage-members',
  'chronology:export',
  'chronology:family-export',
  'chronology:import',
  'chronology:audit',
  'entry:read',
  'entry:create',
  'entry:amend',
  'entry:withdraw',
  // A lead importing a single-agency chronology may write rows of other member agencies (the exchange
  // format's rule); everyone else imports only their own agency's rows.
  'entry:import',
  // Changing an entry's family-sharing level: its own agency, or the chronology's lead (for any
  // agency's shared entry) when preparing the family version.
  'entry:set-sharing',
  'pattern:review',
  'admin:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Decision = { allowed: true } | { allowed: false; status: 403 | 404; reason: string };

const ALLOW: Decision = { allowed: true };

function forbid(reason: string): Decision {
  return { allowed: false, status: 403, reason };
}

function hide(reason: string): Decision {
  return { allowed: false, status: 404, reason };
}

/** For exhaustive switches: a new member of a union becomes a compile error where it is not handled. */
export function assertNever(value: never, message = 'unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}

export function isMember(principal: Principal, chronology: ChronologyAccess): boolean {
  return principal.role !== 'admin' && chronology.memberAgencies.includes(principal.agency);
}

export function hasReadOnlyGrant(principal: Principal, chronology: ChronologyAccess): boolean {
  return principal.role !== 'admin' && (chronology.readOnlyGrants ?? []).includes(principal.id);
}

/** Whether the chronology exists as far as this principal is concerned (lists are filtered by this). */
export function canSeeChronology(principal: Principal, chronology: ChronologyAccess): boolean {
  return isMember(principal, chronology) || hasReadOnlyGrant(principal, chronology);
}

export function isChronologyLead(principal: Principal, chronology: ChronologyAccess): boolean {
  return principal.kind === 'user' && principal.id === chronology.leadUserId;
}

/** Restricted entries are visible only to their own agency; administrators see no entry at all. */
export function visibleEntry(principal: Principal, entry: EntryAccess): boolean {
  if (principal.role === 'admin') return false;
  return !entry.restricted || entry.agency === principal.agency;
}

// Lead of this chronology, or a safeguarding lead of a member agency: the people who review the
// whole timeline before a conference.
function isReviewer(principal: Principal, chronology: ChronologyAccess): boolean {
  return isChronologyLead(principal, chronology) || principal.role === 'dsl';
}

export function decide(
  principal: Principal,
  action: Action,
  chronology?: ChronologyAccess,
  entry?: EntryAccess,
): Decision {
  if (principal.role === 'admin') {
    if (action === 'admin:manage' || action === 'chronology:list') return ALLOW;
    if (action === 'chronology:create') return forbid('administrators do not create chronologies');
    return hide('administrators have no access to chronology content');
  }

  switch (action) {
    case 'admin:manage':
      return forbid('only administrators manage users and agencies');
    case 'chronology:list':
      return ALLOW;
    case 'chronology:create':
      if (principal.kind !== 'user') return forbid('an API token cannot create a chronology');
      return principal.role === 'lead' ? ALLOW : forbid('only a lead professional may create a chronology');
    case 'chronology:read':
    case 'chronology:manage-members':
    case 'chronology:export':
    case 'chronology:family-export':
    case 'chronology:import':
    case 'chronology:audit':
    case 'pattern:review':
    case 'entry:read':
    case 'entry:create':
    case 'entry:amend':
    case 'entry:withdraw':
    case 'entry:import':
    case 'entry:set-sharing':
      return decideWithinChronology(principal, action, chronology, entry);
    default:
      return assertNever(action, 'unknown action');
  }
}

type ChronologyAction = Exclude<Action, 'admin:manage' | 'chronology:list' | 'chronology:create'>;

function decideWithinChronology(
  principal: Principal,
  action: ChronologyAction,
  chronology: ChronologyAccess | undefined,
  entry: EntryAccess | undefined,
): Decision {
  if (chronology === undefined || !canSeeChronology(principal, chronology)) {
    return hide('chronology not found');
  }
  if (!isMember(principal, chronology)) return decideReadOnly(action, entry);

  switch (action) {
    case 'chronology:read':
    case 'chronology:export':
    case 'chronology:import':
      return ALLOW;
    case 'chronology:manage-members':
      return isChronologyLead(principal, chronology)
        ? ALLOW
        : forbid('only the lead professional of this chronology may change its members');
    case 'chronology:family-export':
      return isReviewer(principal, chronology)
        ? ALLOW
        : forbid('only the lead professional or a designated safeguarding lead may prepare the family version');
    case 'chronology:audit':
      return isReviewer(principal, chronology)
        ? ALLOW
        : forbid('only the lead professional or a designated safeguarding lead may read the audit log');
    case 'pattern:review':
      return isReviewer(principal, chronology)
        ? ALLOW
        : forbid('only the lead professional or a designated safeguarding lead may review patterns');
    case 'entry:read':
      return entry === undefined || visibleEntry(principal, entry) ? ALLOW : hide('entry not found');
    case 'entry:create':
    case 'entry:amend':
    case 'entry:withdraw':
      return decideEntryChange(principal, action, entry);
    case 'entry:import':
    case 'entry:set-sharing':
      return decideOnBehalf(principal, action, chronology, entry);
    default:
      return assertNever(action, 'unknown action');
  }
}

function decideReadOnly(action: ChronologyAction, entry: EntryAccess | undefined): Decision {
  // Break-glass access is to the shared record only: restricted documents stay with their agency,
  // and a restricted entry does not exist for the grantee, whatever it asks to do with it.
  if (action.startsWith('entry:') && entry?.restricted === true) return hide('entry not found');
  if (action === 'chronology:read' || action === 'entry:read') return ALLOW;
  return forbid('read-only access: this chronology can be read but not changed or exported');
}

// The two things a lead may do to entries of another agency: import its rows, and set the family-sharing
// level of its shared entries. Another agency's restricted entries stay invisible, as everywhere.
function decideOnBehalf(
  principal: Principal,
  action: 'entry:import' | 'entry:set-sharing',
  chronology: ChronologyAccess,
  entry: EntryAccess | undefined,
): Decision {
  if (entry === undefined || entry.agency === principal.agency) return ALLOW;
  if (entry.restricted) return hide('entry not found');
  if (isChronologyLead(principal, chronology)) return ALLOW;
  return action === 'entry:import'
    ? forbid(`only the lead professional may import rows of ${entry.agency}`)
    : forbid("only the lead professional of this chronology may change the sharing level of another agency's entry");
}

function decideEntryChange(
  principal: Principal,
  action: 'entry:create' | 'entry:amend' | 'entry:withdraw',
  entry: EntryAccess | undefined,
): Decision {
  if (entry === undefined) {
    // Creating without saying for whom means for the principal's own agency; an amendment or a
    // withdrawal always concerns a stored entry.
    return action === 'entry:create' ? ALLOW : hide('entry not found');
  }
  if (entry.agency === principal.agency) return ALLOW;
  if (entry.restricted) return hide('entry not found');
  return action === 'entry:create'
    ? forbid(`only ${entry.agency} may add entries for ${entry.agency}`)
    : forbid(`only ${entry.agency} may change this entry`);
}

/**
 * Searching entries across a caseload (GET /api/search). Allowed to every content role and agency token;
 * WHAT each finds is the entry rules above applied in the query (member chronologies, restricted entries
 * of one's own agency only, break-glass grants to the shared record), so no chronology is named here.
 * Administrators have no content, so no search (403: the route exists for them, there is nothing to find).
 */
export function decideSearch(principal: Principal): Decision {
  return principal.role === 'admin' ? forbid('administrators have no access to chronology content') : ALLOW;
}

/** An account or API token awaiting its second person (the two-person rule for who can reach content). */
export interface PendingGrant {
  /** The account's role; undefined for an agency API token (which acts as a practitioner of its agency). */
  role?: Role;
  agency: string;
  /** The administrator who created it. */
  createdBy: string;
}

/**
 * Who may approve a new account or API token. An administrator must never be able to give themselves
 * content (create a lead with a known password, issue a token, and use it), so a second person approves:
 * another administrator, or, for an account with a content role or a token, a lead of that same agency
 * (who knows whether the person or the system is really theirs). Nobody approves what they created.
 */
export function decideApproval(approver: Principal, pending: PendingGrant): Decision {
  if (approver.kind !== 'user') return forbid('an API token cannot approve anything');
  if (approver.id === pending.createdBy) return forbid('a second person must approve what you created');
  if (approver.role === 'admin') return ALLOW;
  if (approver.role === 'lead' && approver.agency === pending.agency && pending.role !== 'admin') return ALLOW;
  return forbid('only another administrator, or a lead of the same agency, may approve this');
}
