import type { Context } from 'hono';
import type { Principal } from '@mac/domain';
import type { AppEnv } from './env.js';
import { unauthenticated } from './errors.js';

export function requirePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw unauthenticated();
  return principal;
}
