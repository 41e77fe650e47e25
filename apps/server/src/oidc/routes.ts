import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';

export interface OidcConfig {
  issuer: string;
}

export function oidcConfigFromEnv(_env: NodeJS.ProcessEnv): OidcConfig | null {
  return null;
}

/** OpenID Connect sign-in (being written). */
export function registerOidcRoutes(_app: OpenAPIHono<AppEnv>, _config: OidcConfig | null): void {}
