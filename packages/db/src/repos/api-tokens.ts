// API tokens let an agency's own system post entries. Only the SHA-256 of a token is kept.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { apiTokens } from '../schema.js';
import type { RepoContext } from './context.js';

export type ApiTokenRecord = typeof apiTokens.$inferSelect;

export interface NewApiToken {
  agency: string;
  name: string;
  tokenHash: string;
  createdBy: string;
  /** Issued by the system (seed, tests' fixtures): approved at once. Otherwise it awaits a second person. */
  preApproved?: boolean;
}

export function createApiTokensRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // Every request of an agency system looks its token up: built and prepared once (docs/storage.md S6).
  const selectByHash = orm.select().from(apiTokens).where(eq(apiTokens.tokenHash, sql.placeholder('tokenHash'))).prepare();
  return {
    create(input: NewApiToken): ApiTokenRecord {
      return orm
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
        .returning()
        .get();
    },

    byHash(tokenHash: string): ApiTokenRecord | null {
      return selectByHash.get({ tokenHash }) ?? null;
    },

    /** Approves a token awaiting approval; false if there is none such. */
    approve(id: string, approvedBy: string): boolean {
      return orm.update(apiTokens).set({ approvedAt: now(), approvedBy }).where(and(eq(apiTokens.id, id), isNull(apiTokens.approvedAt))).run().changes > 0;
    },

    byId(id: string): ApiTokenRecord | null {
      return orm.select().from(apiTokens).where(eq(apiTokens.id, id)).get() ?? null;
    },

    /** Newest first, revoked ones included (the admin page shows them struck through). */
    list(): ApiTokenRecord[] {
      return orm.select().from(apiTokens).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)).all();
    },

    /** Returns true if the token was live and is now revoked. */
    revoke(id: string): boolean {
      return orm
        .update(apiTokens)
        .set({ revokedAt: now() })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .run().changes > 0;
    },

    touch(id: string, at: string = now()): void {
      orm.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id)).run();
    },
  };
}

export type ApiTokensRepo = ReturnType<typeof createApiTokensRepo>;
