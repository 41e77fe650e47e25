// People who sign in. Email addresses are kept lower-case so that lookups and the unique index ignore case.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Role } from '@mac/domain';
import { users } from '../schema.js';
import { inListPlaceholder, type RepoContext } from './context.js';
import { directGet } from './direct-select.js';

export type UserRecord = typeof users.$inferSelect;

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  /** The agency slug the user belongs to. */
  agency: string;
  /** Null for a user who signs in only through the identity provider. */
  passwordHash: string | null;
  /**
   * The administrator creating the account: it then awaits a second person's approval. Without it (the
   * system: seeding, the command line) the account is approved at once.
   */
  createdBy?: string;
}

/** Which users `inAgencies` returns, beyond the agencies' (see the port, UsersRepo.inAgencies). */
export interface AgencyUsersOptions {
  /** Only those of the agencies' users who hold one of these roles (all roles when absent). */
  roles?: readonly Role[];
  /** These users too, whatever their agency and role. */
  alsoIds?: readonly string[];
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createUsersRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // A user by id (the lead's name on every chronology listed or opened) and sign-in's account by email, point
  // reads on the event loop: built once and run directly (direct-select.ts), not through Drizzle's get, which
  // tests every column's kind on every row (the caseload's lead names: ~2.9 s of the event loop in a profiled
  // full county run).
  const selectById = directGet<UserRecord>(orm.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare());
  const selectByEmail = directGet<UserRecord>(orm.select().from(users).where(eq(users.email, sql.placeholder('email'))).prepare());
  // The alerts service's send passes and the actions view ask for a chronology's people: prepared once
  // too, each list bound as one JSON parameter so that one statement serves every length.
  const selectInAgencies = orm
    .select()
    .from(users)
    .where(
      or(
        and(inListPlaceholder(users.agencySlug, 'agencies'), or(sql`${sql.placeholder('anyRole')} = 1`, inListPlaceholder(users.role, 'roles'))),
        inListPlaceholder(users.id, 'ids'),
      ),
    )
    .orderBy(asc(users.name), asc(users.email))
    .prepare();
  return {
    /** Throws a SQLITE_CONSTRAINT error if the email is taken or the agency unknown. */
    create(input: NewUser): UserRecord {
      const at = now();
      return orm
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
        .returning()
        .get();
    },

    byEmail(email: string): UserRecord | null {
      return selectByEmail({ email: normaliseEmail(email) }) ?? null;
    },

    byId(id: string): UserRecord | null {
      return selectById({ id }) ?? null;
    },

    list(): UserRecord[] {
      return orm.select().from(users).orderBy(asc(users.name), asc(users.email)).all();
    },

    inAgencies(agencySlugs: readonly string[], opts: AgencyUsersOptions = {}): UserRecord[] {
      return selectInAgencies.all({
        agencies: JSON.stringify(agencySlugs),
        anyRole: opts.roles === undefined ? 1 : 0,
        roles: JSON.stringify(opts.roles ?? []),
        ids: JSON.stringify(opts.alsoIds ?? []),
      });
    },

    /** Approves an account awaiting approval; false if there is none such (or it was approved already). */
    approve(id: string, approvedBy: string): boolean {
      return orm.update(users).set({ approvedAt: now(), approvedBy }).where(and(eq(users.id, id), isNull(users.approvedAt))).run().changes > 0;
    },

    /** Returns false if there is no such user. */
    setPassword(id: string, passwordHash: string | null): boolean {
      return orm.update(users).set({ passwordHash, passwordChangedAt: now() }).where(eq(users.id, id)).run().changes > 0;
    },

    setDisabled(id: string, disabled: boolean): boolean {
      return orm.update(users).set({ disabled }).where(eq(users.id, id)).run().changes > 0;
    },

    setRole(id: string, role: Role): boolean {
      return orm.update(users).set({ role }).where(eq(users.id, id)).run().changes > 0;
    },

    /** Binds the single sign-on identity, or unbinds it (null). Returns false if there is no such user. */
    setOidcIdentity(id: string, identity: { issuer: string; subject: string } | null): boolean {
      return orm
        .update(users)
        .set({ oidcIssuer: identity?.issuer ?? null, oidcSubject: identity?.subject ?? null })
        .where(eq(users.id, id))
        .run().changes > 0;
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
