// Alert preferences (issue 15): each person reads and sets their own, nobody else's: what they follow
// (high-severity episodes, categories of other agencies' entries, overdue actions) and how often
// (immediately, or in a daily digest). Only people, not agency systems (API tokens), have preferences.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ALERT_FREQUENCIES, DEFAULT_ALERT_PREFERENCES, parseAlertPreferences, receivesAlerts, type Principal } from '@mac/domain';
import type { AppEnv } from '../http/env.js';
import { ApiError, invalid } from '../http/errors.js';
import { requirePrincipal } from '../http/require.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';

const Frequency = z.enum(ALERT_FREQUENCIES).openapi({ description: 'immediate: an email as it happens; digest: in one email a day at the digest hour' });

const PreferencesSchema = z
  .object({
    episodes: z.object({ follow: z.boolean(), frequency: Frequency }).openapi({ description: 'A high-severity pattern episode opens or grows' }),
    entries: z
      .object({ categories: z.array(z.string().max(64)).max(200).openapi({ description: 'Category codes (the vocabulary’s slugs) to follow' }), frequency: Frequency })
      .openapi({ description: 'Another agency records an entry in a category you follow' }),
    actions: z.object({ follow: z.boolean(), frequency: Frequency }).openapi({ description: 'An action becomes overdue' }),
  })
  .strict()
  .openapi('AlertPreferences');

const PreferencesView = z
  .object({
    preferences: PreferencesSchema,
    receivesAlerts: z.boolean().openapi({ description: 'Whether your role is alerted at all: the lead professional of a chronology and DSLs are' }),
    email: z.boolean().openapi({ description: 'Whether alerts are also emailed (the server has a mail server configured)' }),
    digestHour: z.number().int().openapi({ description: 'The hour (UTC) the daily digest is sent' }),
  })
  .openapi('AlertPreferencesView');

const read = createRoute({
  method: 'get',
  path: '/api/me/alert-preferences',
  tags: ['alerts'],
  summary: 'Your alert preferences (defaults until you choose)',
  responses: { 200: jsonContent(PreferencesView, 'Your preferences'), ...errorResponses },
});

const write = createRoute({
  method: 'put',
  path: '/api/me/alert-preferences',
  tags: ['alerts'],
  summary: 'Set what you are alerted to and how often (422 naming each field that is wrong; nothing changes then)',
  request: { body: { content: { 'application/json': { schema: PreferencesSchema } }, required: true } },
  responses: { 200: jsonContent(PreferencesView, 'Saved'), ...errorResponses },
});

function person(principal: Principal): Principal {
  if (principal.kind !== 'user') throw new ApiError(403, 'forbidden', 'Alert preferences belong to people; an agency system has none.');
  return principal;
}

export function registerAlertRoutes(app: OpenAPIHono<AppEnv>) {
  const view = (deps: AppEnv['Variables']['deps'], principal: Principal, preferences: z.infer<typeof PreferencesSchema>) => ({
    preferences,
    receivesAlerts: receivesAlerts(principal.role),
    email: deps.config.alerts.smtpUrl !== null,
    digestHour: deps.config.alerts.digestHour,
  });

  app.openapi(read, async (c) => {
    const deps = c.get('deps');
    const principal = person(requirePrincipal(c));
    const preferences = (await deps.repos.alerts.preferences(principal.id)) ?? DEFAULT_ALERT_PREFERENCES;
    return c.json(view(deps, principal, preferences), 200);
  });

  app.openapi(write, async (c) => {
    const deps = c.get('deps');
    const principal = person(requirePrincipal(c));
    const parsed = parseAlertPreferences(c.req.valid('json'));
    if (!parsed.ok) throw invalid(`Your alert settings were not saved: ${parsed.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, parsed.fields);
    const saved = await deps.repos.alerts.setPreferences(principal.id, parsed.value);
    await audit(deps, principal, c.get('ip'), {
      action: 'alerts:preferences',
      details: { episodes: saved.episodes, entries: { categories: saved.entries.categories.length, frequency: saved.entries.frequency }, actions: saved.actions },
    });
    return c.json(view(deps, principal, saved), 200);
  });
}
