import type { Principal } from '@mac/domain';
import type { AppDeps } from '../deps.js';

export interface AuditInput {
  action: string;
  outcome?: 'allowed' | 'refused';
  chronologyId?: string | null;
  entryId?: string | null;
  details?: Record<string, unknown>;
}

/** Writes one audit record for `principal` (null: an anonymous caller, e.g. a failed sign-in). */
export function audit(deps: AppDeps, principal: Principal | null, ip: string | null, input: AuditInput): void {
  deps.repos.audit.append({
    actorId: principal?.id ?? 'anonymous',
    actorLabel: principal?.name ?? 'anonymous',
    actorAgency: principal?.agency ?? '',
    action: input.action,
    outcome: input.outcome ?? 'allowed',
    chronologyId: input.chronologyId ?? null,
    entryId: input.entryId ?? null,
    details: input.details ?? {},
    ip,
  });
}
