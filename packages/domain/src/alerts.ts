// Alerts (issue 15, item 5): what the lead and the DSLs of a chronology are told, and when. Pure: the
// server decides who is told and stores and sends; this module says what a person follows, whether an
// episode opened or grew since they were last told, when their daily digest is due, and what an email
// may say.
//
// An email leaves MAC's protection (mail servers, phones, shared inboxes), so it carries nothing about a
// child beyond initials and a link: no name, no date of birth, no entry text, no category or agency
// (they say what happened). Everything else is read in MAC after signing in.
import type { FieldError } from './errors.js';
import { CATEGORIES, isCategorySlug } from './taxonomy.js';
import { plural, pluralWord } from './plural.js';

export const ALERT_FREQUENCIES = ['immediate', 'digest'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];

/** episode: a high-severity episode opened or grew; entry: another agency recorded in a followed category; action-overdue. */
export const ALERT_KINDS = ['episode', 'entry', 'action-overdue'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertPreferences {
  /** High-severity pattern episodes that open or grow. */
  episodes: { follow: boolean; frequency: AlertFrequency };
  /** Entries another agency records in one of these categories (taxonomy slugs). */
  entries: { categories: string[]; frequency: AlertFrequency };
  /** Actions that become overdue. */
  actions: { follow: boolean; frequency: AlertFrequency };
}

/** What a lead or DSL who has chosen nothing gets: episodes and overdue actions at once, no categories. */
export const DEFAULT_ALERT_PREFERENCES: AlertPreferences = {
  episodes: { follow: true, frequency: 'immediate' },
  entries: { categories: [], frequency: 'immediate' },
  actions: { follow: true, frequency: 'immediate' },
};

/** Roles that receive alerts: a chronology's lead professional (role `lead`) and agencies' DSLs. */
export function receivesAlerts(role: string): boolean {
  return role === 'lead' || role === 'dsl';
}

const isFrequency = (v: unknown): v is AlertFrequency => typeof v === 'string' && (ALERT_FREQUENCIES as readonly string[]).includes(v);

/**
 * Reads preferences as sent (PUT /api/me/alert-preferences): every section is required, every problem is
 * named by its field. Categories are de-duplicated and kept in the taxonomy's order.
 */
export function parseAlertPreferences(input: unknown): { ok: true; value: AlertPreferences } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const obj = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const root = obj(input);
  if (root === null) return { ok: false, fields: [{ field: '(body)', message: 'Send an object with episodes, entries and actions' }] };
  const known = new Set(['episodes', 'entries', 'actions']);
  for (const key of Object.keys(root)) if (!known.has(key)) fields.push({ field: key, message: `Unknown setting "${key}" (known: episodes, entries, actions)` });
  const frequency = (section: string, v: unknown): AlertFrequency => {
    if (!isFrequency(v)) fields.push({ field: `${section}.frequency`, message: 'Choose immediate or digest' });
    return isFrequency(v) ? v : 'immediate';
  };
  const follow = (section: string, v: unknown): boolean => {
    if (typeof v !== 'boolean') fields.push({ field: `${section}.follow`, message: 'Must be true or false' });
    return v === true;
  };
  const section = (name: string): Record<string, unknown> => {
    const s = obj(root[name]);
    if (s === null) fields.push({ field: name, message: `Missing or not an object: ${name}` });
    return s ?? {};
  };
  const episodes = section('episodes');
  const entries = section('entries');
  const actions = section('actions');
  const value: AlertPreferences = {
    episodes: root.episodes === undefined ? DEFAULT_ALERT_PREFERENCES.episodes : { follow: follow('episodes', episodes.follow), frequency: frequency('episodes', episodes.frequency) },
    entries: { categories: [], frequency: root.entries === undefined ? 'immediate' : frequency('entries', entries.frequency) },
    actions: root.actions === undefined ? DEFAULT_ALERT_PREFERENCES.actions : { follow: follow('actions', actions.follow), frequency: frequency('actions', actions.frequency) },
  };
  if (root.entries !== undefined) {
    const categories = entries.categories;
    if (!Array.isArray(categories)) fields.push({ field: 'entries.categories', message: 'Must be a list of category codes' });
    else {
      const unknown = categories.filter((c) => typeof c !== 'string' || !isCategorySlug(c));
      if (unknown.length > 0) fields.push({ field: 'entries.categories', message: `Unknown ${pluralWord(unknown.length, 'category', 'categories')}: ${unknown.slice(0, 5).map((c) => JSON.stringify(c)).join(', ')}` });
      const wanted = new Set(categories);
      value.entries.categories = CATEGORIES.map((c) => c.slug).filter((slug) => wanted.has(slug));
    }
  }
  return fields.length > 0 ? { ok: false, fields } : { ok: true, value };
}

/** "R.H." from the child's names: the most an email may say about who the child is. */
export function childInitials(givenName: string, familyName: string): string {
  const initial = (name: string) => {
    const first = [...name.trim()][0];
    return first === undefined ? '' : `${first.toLocaleUpperCase('en-GB')}.`;
  };
  return `${initial(givenName)}${initial(familyName)}` || 'the child';
}

/** An episode as last notified: its id and every entry in it. */
export interface NotifiedEpisode {
  id: string;
  entryIds: string[];
}

export interface EpisodeChange {
  episode: NotifiedEpisode;
  change: 'opened' | 'grew';
  /** Entries not in any episode the person was told about. */
  newEntries: number;
}

/**
 * Which current high-severity episodes someone must be told about, given what they were told before: an
 * episode none of whose entries they have heard of opened; one that shares entries with what they were
 * told and has more grew. One that only lost entries, or is unchanged, says nothing.
 */
export function episodeChanges(previous: readonly NotifiedEpisode[], current: readonly NotifiedEpisode[]): EpisodeChange[] {
  const known = new Set(previous.flatMap((e) => e.entryIds));
  const out: EpisodeChange[] = [];
  for (const episode of current) {
    const fresh = episode.entryIds.filter((id) => !known.has(id));
    if (fresh.length === 0) continue;
    out.push({ episode, change: fresh.length === episode.entryIds.length ? 'opened' : 'grew', newEntries: fresh.length });
  }
  return out;
}

/** Whether two lists of episodes say the same: the same episodes, in order, each with the same entries in order. */
export function sameEpisodes(a: readonly NotifiedEpisode[], b: readonly NotifiedEpisode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.entryIds.length !== y.entryIds.length) return false;
    for (let j = 0; j < x.entryIds.length; j++) if (x.entryIds[j] !== y.entryIds[j]) return false;
  }
  return true;
}

/** The first `hour`:00 UTC strictly after `at`: when an alert made at `at` goes out in a daily digest. */
export function nextDigestAt(at: Date, hourUtc: number): Date {
  const due = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), hourUtc, 0, 0, 0));
  if (due.getTime() <= at.getTime()) due.setUTCDate(due.getUTCDate() + 1);
  return due;
}

/** Retry delay after `attempts` failed sends: 30 s, doubling, at most an hour. */
export function alertRetryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** What one alert says in an email: one sentence about the child by initials, and the link. */
export interface AlertLine {
  kind: AlertKind;
  /** For episodes: opened or grew; for entries and actions, how many. */
  change?: 'opened' | 'grew';
  count: number;
  initials: string;
  link: string;
}

/** A sentence ending in initials ("… of R.H.") takes no second full stop. */
export function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

export function alertSentence(line: AlertLine): string {
    switch (line.kind) {
    case 'episode':
      return line.change === 'grew'
        ? `A high-severity pattern in the chronology of ${line.initials} has grown (${plural(line.count, 'more entry', 'more entries')}).`
        : sentence(`A high-severity pattern has started in the chronology of ${line.initials}`);
    case 'entry':
      return sentence(`Another agency recorded ${plural(line.count, 'entry', 'entries')} in a category you follow in the chronology of ${line.initials}`);
    case 'action-overdue':
      return sentence(`${pluralWord(line.count, 'An action is', `${line.count} actions are`)} overdue in the chronology of ${line.initials}`);
  }
}

const FOOTER = (settings: string) =>
  `This email holds no details of the child on purpose: sign in to MAC to read them.\nChange which alerts you receive: ${settings}\n`;

/** The email of one immediate alert. */
export function alertEmail(line: AlertLine, settingsLink: string): { subject: string; text: string } {
  const subject = line.kind === 'episode' ? `MAC alert: a high-severity pattern (${line.initials})` : line.kind === 'entry' ? `MAC alert: a new entry from another agency (${line.initials})` : `MAC alert: an overdue action (${line.initials})`;
  return { subject, text: `${alertSentence(line)}\n\nOpen it in MAC: ${line.link}\n\n${FOOTER(settingsLink)}` };
}

/** The daily digest: every pending alert of one person, one line and link each. */
export function digestEmail(lines: readonly AlertLine[], settingsLink: string): { subject: string; text: string } {
  const subject = `MAC: your daily alerts (${lines.length})`;
  const body = lines.map((l) => `- ${alertSentence(l)}\n  ${l.link}`).join('\n');
  return { subject, text: `Your alerts since the last digest:\n\n${body}\n\n${FOOTER(settingsLink)}` };
}
