// The accounts of MAC on PostgreSQL, with the SQLite repositories' behaviour (../repos/users.ts,
// sessions.ts, api-tokens.ts, login-attempts.ts): users, their sessions, agency systems' API tokens and
// the sign-in attempts the throttle counts.
import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Role } from '@mac/domain';
import type { ApiTokenRecord, NewApiToken } from '../repos/api-tokens.js';
import type { NewSession, SessionLiveness, SessionRecord } from '../repos/sessions.js';
import { normaliseEmail, type AgencyUsersOptions, type NewUser, type UserRecord } from '../repos/users.js';
import type { Repos } from '../port.js';
import type { PgExec } from './audit.js';
import { apiTokens, loginAttempts, sessions, users } from './schema.js';
import { anyOf, ascC, changed, descC } from './sql.js';

export function createPgAccountRepos(db: PgExec, now: () => string): Pick<Repos, 'users' | 'sessions' | 'apiTokens' | 'loginAttempts'> {
  // Every signed-in request reads its session and user: prepared once (repos.ts `chronologyById` says why).
  const sessionWithUser = db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.idHash, sql.placeholder('idHash'))).prepare('mac_session_with_user');
  return {
    users: {
      async create(input: NewUser): Promise<UserRecord> {
        const at = now();
        const [row] = await db
          .insert(users)
          .values({
            id: randomUUID(),
            email: normaliseEmail(input.email),
            name: input.name,
            role: input.role,
            agencySlug: input.agency,
            passwordHash: input.passwordHash,
            disabled: false,
            createdAt: at,
            passwordChangedAt: input.passwordHash === null ? null : at,
            createdBy: input.createdBy ?? null,
            approvedAt: input.createdBy === undefined ? at : null,
            approvedBy: input.createdBy === undefined ? 'system' : null,
          })
          .returning();
        return row!;
      },
      async byEmail(email: string) {
        return (await db.select().from(users).where(eq(users.email, normaliseEmail(email))))[0] ?? null;
      },
      async byId(id: string) {
        return (await db.select().from(users).where(eq(users.id, id)))[0] ?? null;
      },
      async list() {
        return db.select().from(users).orderBy(ascC(users.name), ascC(users.email));
      },
      async inAgencies(agencySlugs: readonly string[], opts: AgencyUsersOptions = {}) {
        const ofAgencies = and(anyOf(users.agencySlug, agencySlugs), opts.roles === undefined ? undefined : anyOf(users.role, opts.roles));
        return db
          .select()
          .from(users)
          .where(or(ofAgencies, anyOf(users.id, opts.alsoIds ?? [])))
          .orderBy(ascC(users.name), ascC(users.email));
      },
      async approve(id: string, approvedBy: string) {
        return changed(await db.update(users).set({ approvedAt: now(), approvedBy }).where(and(eq(users.id, id), isNull(users.approvedAt)))) > 0;
      },
      async setPassword(id: string, passwordHash: string | null) {
        return changed(await db.update(users).set({ passwordHash, passwordChangedAt: now() }).where(eq(users.id, id))) > 0;
      },
      async setDisabled(id: string, disabled: boolean) {
        return changed(await db.update(users).set({ disabled }).where(eq(users.id, id))) > 0;
      },
      async setRole(id: string, role: Role) {
        return changed(await db.update(users).set({ role }).where(eq(users.id, id))) > 0;
      },
      async setOidcIdentity(id: string, identity: { issuer: string; subject: string } | null) {
        return changed(await db.update(users).set({ oidcIssuer: identity?.issuer ?? null, oidcSubject: identity?.subject ?? null }).where(eq(users.id, id))) > 0;
      },
    },
    sessions: {
      async liveCounts(at: string = now()) {
        const rows = await db
          .select({ userId: sessions.userId, n: count() })
          .from(sessions)
          .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, at)))
          .groupBy(sessions.userId);
        return new Map(rows.map((row) => [row.userId, row.n]));
      },
      async create(input: NewSession): Promise<SessionRecord> {
        const at = now();
        const [row] = await db
          .insert(sessions)
          .values({ ...input, createdAt: at, lastSeenAt: at, revokedAt: null, reauthenticatedAt: null })
          .returning();
        return row!;
      },
      async get(idHash: string) {
        return (await db.select().from(sessions).where(eq(sessions.idHash, idHash)))[0] ?? null;
      },
      // One round trip for both (every authenticated request), not two in a row.
      async getWithUser(idHash: string) {
        return (await sessionWithUser.execute({ idHash }))[0] ?? null;
      },
      async livenessOf(idHashes: readonly string[]): Promise<SessionLiveness[]> {
        if (idHashes.length === 0) return [];
        return db
          .select({
            session: { idHash: sessions.idHash, revokedAt: sessions.revokedAt, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt },
            user: { disabled: users.disabled, approvedAt: users.approvedAt },
          })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .where(anyOf(sessions.idHash, idHashes));
      },
      async touch(idHash: string, at: string = now()) {
        await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash));
      },
      async revoke(idHash: string) {
        return changed(await db.update(sessions).set({ revokedAt: now() }).where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)))) > 0;
      },
      async revokeAllForUser(userId: string) {
        return changed(await db.update(sessions).set({ revokedAt: now() }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))));
      },
      async markReauthenticated(idHash: string, at: string = now()) {
        await db.update(sessions).set({ reauthenticatedAt: at }).where(eq(sessions.idHash, idHash));
      },
      async purgeExpired(at: string = now()) {
        return changed(await db.delete(sessions).where(lte(sessions.expiresAt, at)));
      },
    },
    apiTokens: {
      async create(input: NewApiToken): Promise<ApiTokenRecord> {
        const [row] = await db
          .insert(apiTokens)
          .values({
            id: randomUUID(),
            agencySlug: input.agency,
            name: input.name,
            tokenHash: input.tokenHash,
            createdBy: input.createdBy,
            createdAt: now(),
            revokedAt: null,
            lastUsedAt: null,
            approvedAt: input.preApproved === true ? now() : null,
            approvedBy: input.preApproved === true ? 'system' : null,
          })
          .returning();
        return row!;
      },
      async byHash(tokenHash: string) {
        return (await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)))[0] ?? null;
      },
      async approve(id: string, approvedBy: string) {
        return changed(await db.update(apiTokens).set({ approvedAt: now(), approvedBy }).where(and(eq(apiTokens.id, id), isNull(apiTokens.approvedAt)))) > 0;
      },
      async byId(id: string) {
        return (await db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0] ?? null;
      },
      async list() {
        return db.select().from(apiTokens).orderBy(descC(apiTokens.createdAt), descC(apiTokens.id));
      },
      async revoke(id: string) {
        return changed(await db.update(apiTokens).set({ revokedAt: now() }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))) > 0;
      },
      async touch(id: string, at: string = now()) {
        await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
      },
    },
    loginAttempts: {
      async record(key: string, at: string = now()) {
        await db.insert(loginAttempts).values({ key, at });
      },
      async countSince(key: string, since: string) {
        const [row] = await db.select({ n: count() }).from(loginAttempts).where(and(eq(loginAttempts.key, key), gte(loginAttempts.at, since)));
        return row?.n ?? 0;
      },
      async timesSince(key: string, since: string) {
        const rows = await db
          .select({ at: loginAttempts.at })
          .from(loginAttempts)
          .where(and(eq(loginAttempts.key, key), gte(loginAttempts.at, since)))
          .orderBy(ascC(loginAttempts.at));
        return rows.map((r) => r.at);
      },
      async clear(key: string) {
        await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
      },
      async purgeBefore(before: string) {
        return changed(await db.delete(loginAttempts).where(lt(loginAttempts.at, before)));
      },
    },
  };
}
