import type { Principal } from '@mac/domain';
import type { AppDeps } from '../deps.js';
import type { ResolvedSession } from '../services/auth/sessions.js';

/** Hono context variables set by the middleware in app.ts. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    principal: Principal | null;
    session: ResolvedSession | null;
    ip: string | null;
  };
}
