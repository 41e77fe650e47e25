// GET /api/search?q=: entries across the caller's caseload, found by their text (issue 15, item 6).
// services/search.ts does the work; the visibility rules live in the query (packages/db repos/search.ts).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH } from '@mac/domain';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import { SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, SEARCH_MAX_OFFSET, searchEntries } from '../services/search.js';

const SearchResultSchema = z
  .object({
    chronologyId: z.string(),
    child: z.object({ givenName: z.string(), familyName: z.string() }),
    entryId: z.string(),
    date: z.string(),
    time: z.string(),
    category: z.string(),
    agency: z.string(),
    summary: z.string(),
    restricted: z.boolean(),
    snippet: z.array(z.object({ text: z.string(), match: z.boolean() })).openapi({ description: 'The text around the matches, in runs; `match` marks the words that matched' }),
  })
  .openapi('SearchResult');

const search = createRoute({
  method: 'get',
  path: '/api/search',
  tags: ['entries'],
  summary: 'Entries you may see, in every chronology of your caseload, found by their text, best match first',
  description:
    `Words (every one must match, in any form: "bruise" finds "bruised"), "quoted phrases" and -left-out terms; anything else typed is part of a word or separates words, never syntax. ` +
    `Only active entries you could open: chronologies your agency is a member of (restricted entries of your own agency included, never another's) and the shared entries of chronologies you hold emergency access to. ` +
    `Pages by \`offset\` (up to ${SEARCH_MAX_OFFSET}); \`nextOffset\` is null on the last page.`,
  request: {
    query: z.object({
      q: z.string().max(2000).optional().openapi({ description: `What to look for: ${SEARCH_MIN_LENGTH} to ${SEARCH_MAX_LENGTH} characters (required)` }),
      limit: z.string().max(10).optional().openapi({ description: `Results per page: 1 to ${SEARCH_MAX_LIMIT}, default ${SEARCH_DEFAULT_LIMIT}` }),
      offset: z.string().max(10).optional().openapi({ description: `Results to skip: 0 to ${SEARCH_MAX_OFFSET}` }),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ results: z.array(SearchResultSchema), limit: z.number(), offset: z.number(), nextOffset: z.number().nullable() }),
      'One page of results',
    ),
    401: errorResponses[401],
    403: errorResponses[403],
    422: errorResponses[422],
  },
});

export function registerSearchRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(search, async (c) => {
    const page = await searchEntries(c.get('deps'), requirePrincipal(c), c.req.valid('query'), c.get('ip'));
    return c.json(page, 200);
  });
}
