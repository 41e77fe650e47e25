import type { Context } from 'hono';
import { decide, type Principal } from '@mac/domain';
import { audit } from '../services/audit.js';
import type { AppEnv } from './env.js';
import { ApiError, unauthenticated } from './errors.js';

export function requirePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw unauthenticated();
  return principal;
}

/** An administrator, or 403 (audited: every refused authorisation decision is logged). */
export async function requireAdmin(c: Context<AppEnv>): Promise<Principal> {
  const principal = requirePrincipal(c);
  const decision = decide(principal, 'admin:manage');
  if (!decision.allowed) {
    await audit(c.get('deps'), principal, c.get('ip'), { action: 'admin:manage', outcome: 'refused', details: { path: c.req.path } });
    throw new ApiError(403, 'forbidden', decision.reason);
  }
  return principal;
}
