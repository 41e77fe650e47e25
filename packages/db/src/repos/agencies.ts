// The partnership's agencies. A slug never changes once entries name it; name and kind may be corrected.
import { asc, eq, sql } from 'drizzle-orm';
import type { AgencyKindSlug } from '@mac/domain';
import { agencies } from '../schema.js';
import type { RepoContext } from './context.js';
import { directGet, lazySelect } from './direct-select.js';

export type AgencyRecord = typeof agencies.$inferSelect;

export interface AgencyInput {
  slug: string;
  name: string;
  kind: AgencyKindSlug;
}

export function createAgenciesRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // A point read on the event loop (the name in every /api/me and sign-in's answer): prepared once.
  const selectBySlug = directGet<AgencyRecord>(orm.select().from(agencies).where(eq(agencies.slug, sql.placeholder('slug'))).prepare());
  // Every caseload and chronology view names the agencies: built once, run directly (direct-select.ts).
  const selectAll = lazySelect<AgencyRecord>(() => orm.select().from(agencies).orderBy(asc(agencies.name), asc(agencies.slug)).prepare());
  return {
    list(): AgencyRecord[] {
      return selectAll.all();
    },

    get(slug: string): AgencyRecord | null {
      return selectBySlug({ slug }) ?? null;
    },

    /** Creates the agency, or corrects the name and kind of an existing one (its created time stays). */
    upsert(input: AgencyInput): AgencyRecord {
      return orm
        .insert(agencies)
        .values({ slug: input.slug, name: input.name, kind: input.kind, createdAt: now() })
        .onConflictDoUpdate({ target: agencies.slug, set: { name: input.name, kind: input.kind } })
        .returning()
        .get();
    },
  };
}

export type AgenciesRepo = ReturnType<typeof createAgenciesRepo>;
