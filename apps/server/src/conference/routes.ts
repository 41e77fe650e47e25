import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';

/** Conference packs, the family version and snapshots (being written). */
export function registerConferenceRoutes(_app: OpenAPIHono<AppEnv>): void {}
