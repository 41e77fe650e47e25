// GENERATED from the server's OpenAPI document by apps/server/scripts/api-types.ts: do not edit.
// Regenerate with `pnpm --filter @mac/server api-types` after changing a route or a schema it uses
// (apps/server/src/api-types.test.ts fails while this file is out of date).
/* eslint-disable */
export interface paths {
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether this node can serve (for load balancers): 200 when its database answers, 503 when not. No sign-in; says nothing about data */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description This node can serve */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                /** @description This node cannot reach its database: send requests elsewhere */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Login"];
                };
            };
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["Me"];
                        };
                    };
                };
                /** @description Email or password not recognised (the same answer for both) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The password is right but the account awaits its second approver (awaiting_approval) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many attempts from this address (Retry-After says how long to wait) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends this session and closes its live connections */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether this browser is signed in, and as whom (200 either way) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed in (with the user) or not */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionState"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change password: every session of the user ends, including open live connections */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangePassword"];
                };
            };
            responses: {
                /** @description Changed; sign in again */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many wrong passwords (Retry-After says how long to wait) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether single sign-on is configured, so the sign-in page knows to offer it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Configured or not */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OidcStatus"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/break-glass/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Emergency read-only access for 60 minutes for a user who signs in through the organisation's provider: answers where to send the browser to sign in there again (prompt=login, max_age=0); the access is granted when it comes back */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BreakGlassSsoRequest"];
                };
            };
            responses: {
                /** @description The provider's sign-in page to send the browser to */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BreakGlassSsoStart"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Your agency is a member already (already_member), or single sign-on is not configured (oidc_disabled) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The provider cannot be reached (oidc_unavailable), or the server is busy or its storage unavailable */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start single sign-on: redirects to the organisation's OpenID Connect provider (code flow, PKCE) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description To the provider, or to /sign-in?error=oidc_unavailable */
                302: {
                    headers: {
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Single sign-on is not configured on this server (code oidc_disabled) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the provider returns: signs in the MAC user with the verified email address, then redirects to / */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    state?: string;
                    error?: string;
                    iss?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description To / with the session cookie set, or to /sign-in?error=<code> (oidc_unavailable, oidc_state, oidc_denied, oidc_failed, oidc_no_email, oidc_domain_not_allowed, oidc_unknown_user, oidc_account_disabled, oidc_other_user, oidc_identity_changed) */
                302: {
                    headers: {
                        Location?: string;
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Single sign-on is not configured on this server (code oidc_disabled) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The partnership's agencies */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Agencies */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agencies: components["schemas"]["Agency"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The chronologies you may see (none for administrators), newest first, a page at a time
         * @description Keyset paging: when there are more, `next` is the cursor to pass back as `after` for the following page; `total` is how many you may see that match `q`, on every page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The child's name (every word of it, in any order) or NHS number; case-insensitive */
                    q?: string;
                    /** @description Chronologies per page: 1 to 200, default 50 */
                    limit?: string;
                    /** @description The `next` value of the previous page */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of your caseload */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            chronologies: components["schemas"]["ChronologySummary"][];
                            total: number;
                            next: string | null;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Start a chronology for a child (lead professionals only); your agency is always a member */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateChronology"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Chronology"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One chronology: the child, its members, its document names and what you may do
         * @description With `openHighlights=kept`, `openHighlights` is the count already worked out and kept for you (as the caseload lists it), or null: nothing is worked out for it, so the answer comes without running the pattern rules over the chronology. With `openHighlights=none` it is null, and not even whether a count is kept is looked up (the web app asks so: its chronology page shows no count, it works the highlights out itself). Without it, the count is worked out if it is not kept, and the answer waits for it.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `kept`: only a count already kept, else null; nothing is worked out for it. `none`: null, nothing looked up */
                    openHighlights?: "kept" | "none";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The chronology */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Chronology"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a member agency (the lead only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            responses: {
                /** @description Updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Chronology"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/members/{agency}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member agency (the lead only). Its entries stay; its people's live connections close at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    agency: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Chronology"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The entries you may see, in date order, filtered, a page at a time
         * @description Keyset paging: when there are more entries, `next` is the cursor to pass back as `cursor` for the following page; every entry appears on exactly one page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Entries whose date interval ends on or after this date (any accepted date form) */
                    from?: string;
                    /** @description Entries whose date interval starts on or before this date */
                    to?: string;
                    /** @description Agency slugs, comma-separated */
                    agency?: string;
                    /** @description Category slugs, comma-separated */
                    category?: string;
                    text?: string;
                    includeWithdrawn?: "0" | "1" | "true" | "false";
                    /** @description Entries per page: 1 to 2000, default 500 */
                    limit?: string;
                    /** @description The `next` value of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["Entry"][];
                            next?: string;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add an entry for your agency (written through the chronology's live document) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EntryInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entry: components["schemas"]["Entry"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/entries/{entryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The entry */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entry: components["schemas"]["Entry"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Amend one of your agency's entries; the change is kept in its history */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EntryPatch"];
                };
            };
            responses: {
                /** @description Amended */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entry: components["schemas"]["Entry"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/chronologies/{id}/entries/{entryId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw an entry with a reason (there is no delete) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Withdraw"];
                };
            };
            responses: {
                /** @description Withdrawn */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entry: components["schemas"]["Entry"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/entries/{entryId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who created and changed an entry, what and when */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description History, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            history: components["schemas"]["HistoryItem"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Entries you may see, in every chronology of your caseload, found by their text, best match first
         * @description Words (every one must match, in any form: "bruise" finds "bruised"), "quoted phrases" and -left-out terms; anything else typed is part of a word or separates words, never syntax. Only active entries you could open: chronologies your agency is a member of (restricted entries of your own agency included, never another's) and the shared entries of chronologies you hold emergency access to. Pages by `offset` (up to 1000); `nextOffset` is null on the last page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description What to look for: 2 to 200 characters (required) */
                    q?: string;
                    /** @description Results per page: 1 to 50, default 20 */
                    limit?: string;
                    /** @description Results to skip: 0 to 1000 */
                    offset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of results */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: components["schemas"]["SearchResult"][];
                            limit: number;
                            offset: number;
                            nextOffset: number | null;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/households": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link children who share a household (the lead professional of every chronology linked) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateHousehold"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A child is already in a household (already_in_household) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/households/{householdId}/children": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link one more child (a lead of a child already in the household who also leads the child added) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    householdId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AddHouseholdChild"];
                };
            };
            responses: {
                /** @description Linked */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            chronologyId: string;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The child is already in a household (already_in_household) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/households/{householdId}/children/{chronologyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a child’s link to the household (a lead of any child in it); the link stays on record */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    householdId: string;
                    chronologyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/households/{householdId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A household and its current children, oldest first, for anyone who may see one of them (names, ages, leads and whether you may open each; never their entries) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    householdId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The household */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Household"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/household": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The household this child is in, and its children (names, ages and leads only; never their entries) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The household, or null */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HouseholdView"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The people around this child that you may see, with the flags you may see */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The people */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            people: components["schemas"]["Person"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add a person around this child (the lead, or a practitioner, DSL or lead of a member agency) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewPerson"];
                };
            };
            responses: {
                /** @description Added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/households/{householdId}/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a person of the household, linked to each child whose chronology your agency is a member of */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    householdId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewHouseholdPerson"];
                };
            };
            responses: {
                /** @description Added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            chronologyIds: string[];
                            skipped: {
                                chronologyId: string;
                                reason: string;
                            }[];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{personId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a person’s name, date of birth or relationship to a child (a member agency of one of their children) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    personId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PersonPatch"];
                };
            };
            responses: {
                /** @description The person as changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Person"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/people/{personId}/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Flag a person for your agency (who and when are recorded by the server) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    personId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PersonFlagInput"];
                };
            };
            responses: {
                /** @description Flagged */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PersonFlag"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{personId}/flags/{flagId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw your agency’s flag, with a reason (it stays on record) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    personId: string;
                    flagId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PersonFlagWithdrawal"];
                };
            };
            responses: {
                /** @description Withdrawn */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PersonFlag"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Already withdrawn (already_withdrawn) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/people/merge-suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Records that may be the same person (same name and date of birth) across this child’s household; never merged automatically */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Suggestions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            suggestions: {
                                reason: string;
                                people: components["schemas"]["Person"][];
                                canMerge: boolean;
                            }[];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{personId}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge this record into another record of the same person (a lead of both records’ chronologies); both are kept */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    personId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PersonMerge"];
                };
            };
            responses: {
                /** @description Merged */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            mergedInto: string;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Already merged (already_merged) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/households/{householdId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a household event once: a copy on each chosen child’s chronology your agency is a member of, all or none */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    householdId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HouseholdEventInput"];
                };
            };
            responses: {
                /** @description Recorded */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HouseholdEventResult"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/entries/{entryId}/household-copies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same household event on the siblings’ chronologies, where you may see it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The copies you may open */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HouseholdCopies"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The analysis: the lead’s summary, the family summary and each agency’s current view */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The analysis (ETag: its version) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Analysis"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Save the summary (the lead professional of this chronology only); each save is a new version
         * @description Send If-Match with the ETag you read: if the analysis has been saved since, 409 analysis_conflict and nothing is written. Leave out familySummary to keep it as it is.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                        familySummary?: string;
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Analysis"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Saved by someone else since your version (analysis_conflict) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/analysis/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every saved version of the summary and every view ever recorded (dissent is kept) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The history */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalysisHistory"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/analysis/views/{agency}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record your agency’s view: agree, or differ with your reasons (a new record; earlier views stay) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Your own agency’s slug */
                    agency: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        position: "agree" | "differ";
                        /** @default  */
                        text?: string;
                    };
                };
            };
            responses: {
                /** @description Recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Analysis"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chronology’s actions, soonest due first, and the people who may own one */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Actions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: components["schemas"]["Action"][];
                            /** @description People of the member agencies, who may own an action */
                            owners: {
                                id: string;
                                name: string;
                                agency: string;
                            }[];
                            /** @description Today in the partnership’s time zone: what "overdue" was judged against */
                            today: string;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Raise an action (any member): owned by a member agency and one of its people, due on a day, linked to entries */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description What is to be done, in a sentence */
                        title: string;
                        /** @description Internal notes for professionals (never in the family version of a pack) */
                        notes?: string;
                        /** @description The agency that owns the action: a member agency of the chronology */
                        ownerAgency: string;
                        /** @description The person who owns it: a user of the owner agency */
                        ownerUserId: string;
                        /** @description A calendar day, YYYY-MM-DD */
                        dueDate: string;
                        /** @description Entries of this chronology the action is about */
                        entryIds?: string[];
                        /** @enum {string} */
                        source: "entry" | "highlight" | "analysis";
                        /** @description The entry id (source entry), the highlight id (source highlight); empty for the analysis */
                        sourceRef?: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: components["schemas"]["Action"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/actions/{actionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an action (its owner agency or the lead): done with an outcome, cancelled with a reason, reopened; due date; owner */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    actionId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status?: "open" | "done" | "cancelled";
                        /** @description What was done: required when status becomes done */
                        outcome?: string;
                        /** @description Why it is no longer needed: required when status becomes cancelled */
                        reason?: string;
                        /** @description A calendar day, YYYY-MM-DD */
                        dueDate?: string;
                        ownerAgency?: string;
                        ownerUserId?: string;
                        title?: string;
                        notes?: string;
                    };
                };
            };
            responses: {
                /** @description Changed (the change is kept in its history) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: components["schemas"]["Action"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/chronologies/{id}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a single-agency chronology (CSV exchange format): all or nothing; ?dryRun=1 previews
         * @description The body is the CSV file itself (Content-Type: text/csv). Rows for other agencies need the lead. Duplicates are reported and skipped.
         */
        post: {
            parameters: {
                query?: {
                    dryRun?: "0" | "1" | "true" | "false";
                    fileName?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description Imported, or the preview */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportResult"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The entries you may see, in the CSV exchange format (formula-neutralised) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chronology's audit trail, newest first (the lead and DSLs) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    beforeSeq?: number;
                    action?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Audit records */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            records: components["schemas"]["AuditRecord"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/access-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everyone who read this child's chronology, and when (subject access requests, inquiries) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Readers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readers: {
                                actorId: string;
                                name: string;
                                agency: string;
                                reads: number;
                                first: string;
                                last: string;
                                /** @description An account or API token an administrator created within 30 days before its first read here */
                                newAccount: boolean;
                            }[];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/patterns/family": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the family rules read about this child, as you may see it: for the browser’s live highlights
         * @description The linked siblings whose chronologies you may open, each with its plan, care and serious-harm entries you may see there (date, agency, category and status only), and the people around the child with the flags you may see. Audited on each sibling’s chronology.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The family input of the pattern engine */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatternFamily"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/patterns/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The reviews you may see, without the highlights: for the browser, which works the highlights out live
         * @description As GET /patterns `reviews` (a review is shown only to someone who can see every entry it covered), without working out the highlights: no sibling is read and no rule runs. Audited as a patterns read.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The reviews */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReviewList"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/patterns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Highlighted patterns, computed only from the entries you may see */
        get: {
            parameters: {
                query?: {
                    asOf?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Highlights, and the episodes they make */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            highlights: components["schemas"]["Highlight"][];
                            episodes: components["schemas"]["Episode"][];
                            reviews: components["schemas"]["ReviewRecord"][];
                            config?: unknown;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/patterns/{highlightId}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a highlight reviewed (with a note) or dismissed (with a reason): the lead or a DSL. Nothing is hidden */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    highlightId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
            responses: {
                /** @description Reviewed: the highlight with its history, and the review saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Highlight"] & {
                            record: components["schemas"]["ReviewRecord"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pattern-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rule configuration in force */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Configuration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config?: unknown;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/pattern-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change the partnership's thresholds or switch rules off (administrators) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PatternConfig"];
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config?: unknown;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/patterns/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reviews and dismissals of highlights as they are saved (server-sent events)
         * @description A `text/event-stream`. First `event: ready` with `{ reviews }`, the reviews the caller may see now (as GET /patterns `reviews`), so a browser that reconnects after a break misses none; then `event: review` with a ReviewRecord (as in GET /patterns `reviews`) for each review saved by anyone, sent only if the caller can see every entry it covered. When the session or the access ends the server sends `event: end` and closes the stream. Opening it is not activity: it does not keep a session alive.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/entries/{entryId}/sharing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The lead makes any agency's entry professionals-only, or decides an undecided one, with a reason (never loosens a professionals-only entry: the entry's agency amends it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    entryId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SharingChange"];
                };
            };
            responses: {
                /** @description The entry, at its new level */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entry: components["schemas"]["Entry"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/sharing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The lead decides the family-version sharing of many entries at once (all or nothing), with one reason kept on each
         * @description Same rules as the single-entry route: any entry may be made professionals-only; only undecided (or already family) entries may be shared with the family.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkSharingDecision"];
                };
            };
            responses: {
                /** @description The entries, at their new level */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["Entry"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/packs/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exactly the rows and highlights a pack would share, and how many entries are withheld and why (never their content) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PackPreviewRequest"];
                };
            };
            responses: {
                /** @description The preview */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PackPreview"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/packs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A conference pack (PDF or exchange-format CSV), professional or family version; freezes a snapshot and audits every entry id
         * @description The professional version needs chronology:export (any member agency), the family version chronology:family-export (the lead or a DSL). Restricted and withdrawn entries are never included; the family version also leaves out professionals-only entries, source references and the names of people who recorded entries. Headers X-Mac-Snapshot and X-Mac-Version name the snapshot and the chronology version.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PackRequest"];
                };
            };
            responses: {
                /** @description The pack, as an attachment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                        "text/csv": string;
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Snapshots taken when packs were produced ("as presented at conference"), newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Snapshots */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            snapshots: components["schemas"]["Snapshot"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A snapshot reopened read-only: the shared entries as they were (withdrawn ones included), and the ids the pack held */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    snapshotId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The snapshot */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            snapshot: components["schemas"]["Snapshot"] & {
                                entryIds: string[];
                            };
                            version: string;
                            /** @enum {boolean} */
                            readOnly: true;
                            entries: components["schemas"]["Entry"][];
                            analysis: components["schemas"]["Analysis"] & (Record<string, never> | null);
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shared entries added, amended and withdrawn since a snapshot (default: the latest; none yet: everything is new) */
        get: {
            parameters: {
                query?: {
                    since?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChangesSinceSnapshot"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/break-glass/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find a child's chronology by NHS number, to ask for emergency access (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BreakGlassLookup"];
                };
            };
            responses: {
                /** @description Found */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            chronologyId: string;
                            childInitials: string;
                            leadName: string;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many lookups (Retry-After says how long to wait) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/break-glass": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Emergency read-only access for 60 minutes: sign in again and give a reason; the lead is notified and must review it. While a grant runs, asking again is refused (409 already_granted, with its expiresAt) and extends nothing; a later grant needs a new reason and is flagged as a repeat */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BreakGlassRequest"];
                };
            };
            responses: {
                /** @description Granted */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BreakGlassGrant"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many wrong passwords (Retry-After says how long to wait) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/break-glass/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Emergency accesses to chronologies you lead that nobody has reviewed yet */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description To review */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            grants: components["schemas"]["BreakGlassGrant"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/break-glass/{grantId}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the review of an emergency access (the chronology's lead) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    grantId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BreakGlassReview"];
                };
            };
            responses: {
                /** @description Reviewed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BreakGlassGrant"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your notifications, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Notifications */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            notifications: {
                                id: string;
                                chronologyId: string | null;
                                kind: string;
                                message: string;
                                createdAt: string;
                                readAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{notificationId}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a notification read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    notificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Marked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Chronologies past their retention date, for review (no child details: administrators see no content) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Past retention */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            chronologies: components["schemas"]["RetentionItem"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chronologies/{id}/legal-hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Place or lift a legal hold (the lead): a held chronology is never disposed of */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LegalHold"];
                };
            };
            responses: {
                /** @description Updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            legalHold: boolean;
                            retentionUntil: string;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/retention/{id}/dispose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Destroy a chronology past retention and not on legal hold: explicit, confirmed by id, audited */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Dispose"];
                };
            };
            responses: {
                /** @description Disposed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            removedRows: number;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: components["schemas"]["ApiToken"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Issue an API token to an agency's case-management system (shown once; scoped to that agency) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IssueToken"];
                };
            };
            responses: {
                /** @description Issued */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            record: components["schemas"]["ApiToken"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/tokens/{tokenId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an API token, effective immediately (a token already revoked stays revoked: 204) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users of the partnership (for periodic access reviews) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: components["schemas"]["User"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a user: the account works once a second administrator (or, for a content role, a lead of its agency) approves it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateUser"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{userId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable a user: every session and live connection ends at once (not your own account: 409) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Disabled */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Your own account (cannot_disable_self) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{userId}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a disabled user again (they sign in afresh: their old sessions stay ended) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Enabled */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{userId}/sso-unbind": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unbind the single sign-on identity of a user (after the organisation's directory changed it): the next SSO sign-in binds the identity it presents */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Unbound */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accounts and API tokens awaiting a second approver that you may see (administrators: all; leads: their agency’s) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Awaiting approval */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pending: components["schemas"]["PendingApproval"][];
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/approvals/{kind}/{subjectId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve an account or API token created by someone else: from now on it works */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    kind: "users" | "tokens";
                    subjectId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Approved */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/access-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The periodic access review (NHS DSPT): every account and agency token, when each was last used, and which have gone unused */
        get: {
            parameters: {
                query?: {
                    /** @description Days without use before an account or token is flagged (default 90) */
                    staleDays?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The review */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessReview"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/alert-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your alert preferences (defaults until you choose) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Your preferences */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertPreferencesView"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Set what you are alerted to and how often (422 naming each field that is wrong; nothing changes then) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AlertPreferences"];
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertPreferencesView"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found, or not visible to you */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Invalid input: every field at fault is listed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before trying again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            /** @enum {string} */
            database: "ok" | "unreachable";
            /** @enum {string} */
            redis: "ok" | "unreachable" | "not-configured";
        };
        Me: {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "practitioner" | "dsl" | "lead" | "admin";
            agency: components["schemas"]["Agency"];
            /** @description Whether the account has a password (an account that signs in only through single sign-on has none) */
            hasPassword: boolean;
        };
        Agency: {
            slug: string;
            name: string;
            /** @enum {string} */
            kind: "police" | "education" | "education-services" | "health-visiting" | "school-nursing" | "gp" | "acute-health" | "camhs" | "childrens-social-care" | "early-help" | "probation" | "youth-justice" | "lado" | "domestic-abuse-service" | "housing" | "other";
        };
        Error: {
            error: {
                code: string;
                message: string;
                fields?: {
                    field: string;
                    message: string;
                }[];
            };
        };
        Login: {
            email: string;
            password: string;
        };
        SessionState: {
            /** @enum {boolean} */
            signedIn: false;
        } | {
            /** @enum {boolean} */
            signedIn: true;
            user: components["schemas"]["Me"];
        };
        ChangePassword: {
            currentPassword: string;
            newPassword: string;
        };
        OidcStatus: {
            enabled: boolean;
        };
        BreakGlassSsoStart: {
            redirectTo: string;
        };
        BreakGlassSsoRequest: {
            reason: string;
        };
        ChronologySummary: {
            id: string;
            child: components["schemas"]["Child"];
            lead: {
                id: string;
                name: string;
                agency: string;
            };
            memberAgencies: string[];
            entryCount: number;
            lastChangeAt: string | null;
            /** @description Highlighted patterns not yet reviewed. Null in the caseload list while the count is still being worked out (the list does not wait long for it): ask for the list again shortly */
            openHighlights: number | null;
            /** @description Open actions past their due date (today in the partnership’s time zone) */
            overdueActions: number;
            createdAt: string;
        };
        Child: {
            givenName: string;
            familyName: string;
            dateOfBirth: string | null;
            nhsNumber: string | null;
        };
        Chronology: components["schemas"]["ChronologySummary"] & {
            /** @description Highlighted patterns not yet reviewed, worked out for you if it is not kept. With `openHighlights=kept`: the count already kept for you, or null when there is none (nothing is worked out for it); with `openHighlights=none`: null */
            openHighlights?: number | null;
            /** @description When the caller's emergency (break-glass) read-only access ends; null for members. */
            emergencyAccessUntil: string | null;
            docs: {
                shared: string;
                restricted: string | null;
            };
            permissions: {
                canWrite: boolean;
                isLead: boolean;
                canReview: boolean;
                canExport: boolean;
                canFamilyExport: boolean;
                canAudit: boolean;
                readOnly: boolean;
            };
        };
        CreateChronology: {
            child: {
                givenName: string;
                familyName: string;
                dateOfBirth?: string;
                nhsNumber?: string;
                upn?: string;
            };
            memberAgencies: string[];
        };
        Member: {
            agency: string;
        };
        Entry: {
            /** Format: uuid */
            id: string;
            /** @description Canonical exchange-format date: YYYY-MM-DD, YYYY-MM, YYYY, ? prefix, FROM..TO */
            date: string;
            time: string;
            agency: string;
            category: string;
            summary: string;
            detail: string;
            impactOnChild: string;
            actionTaken: string;
            sourceRef: string;
            recordedBy: string;
            restricted: boolean;
            authorId: string;
            /** Format: date-time */
            recordedAt: string;
            /** @enum {string} */
            status: "active" | "withdrawn";
            withdrawnReason: string;
            /** @enum {string} */
            sharing: "family" | "professionals" | "undecided";
            sharingReason: string;
            /** @description Screening result level (screening categories only): standard/medium/high, low/medium/high, or a GCP2 grade 1-5 */
            riskLevel?: string;
            /** @description Domestic abuse risk checklist: number of yes answers, 0-27 */
            score?: number;
            /**
             * @description Graded Care Profile 2 grades per area
             * @example physical-care:2,safety:3,emotional-care:1,developmental-care:4
             */
            areaGrades?: string;
            /**
             * @description What the child said, did or showed, in their words where possible; '' when not recorded
             * @default
             */
            childsVoice: string;
            /**
             * @description Whether the child was seen alone; '' when not recorded
             * @default
             * @enum {string}
             */
            seenAlone: "yes" | "no" | "not-applicable" | "";
            /** @description The people around the child named on the entry (GET /api/chronologies/{id}/people); absent when none */
            personIds?: string[];
            /**
             * Format: uuid
             * @description The household event this entry is a copy of (every child’s copy carries the same id); absent for other entries. Set only by the server (POST /api/households/{householdId}/events); never accepted from a client.
             */
            householdEventId?: string;
        };
        /** @description Validated by the domain entry schema; every field at fault is reported. */
        EntryInput: {
            /**
             * @description Any exchange-format date form
             * @example 05/04/2023
             */
            date: string;
            /** @example 14:30 */
            time?: string;
            /**
             * @description Category slug or label
             * @example domestic-abuse-incident
             */
            category: string;
            summary: string;
            detail?: string;
            impactOnChild?: string;
            actionTaken?: string;
            sourceRef?: string;
            recordedBy?: string;
            restricted?: boolean;
            /**
             * @description Who may see the entry in the family version of a conference pack; undecided (withheld from the family) when absent
             * @enum {string}
             */
            sharing?: "family" | "professionals" | "undecided";
            sharingReason?: string;
            /**
             * @description Screening categories only; null or empty for none
             * @example high
             */
            riskLevel?: string | null;
            /**
             * @description Domestic abuse risk checklist only: 0-27
             * @example 16
             */
            score?: number | string | null;
            /**
             * @description Graded Care Profile 2 only: a grade 1-5 per area
             * @example 2,4,1,3
             */
            areaGrades?: string | null;
            /**
             * @description The child's words, or what they did or showed; '' to clear
             * @example "I hide in my room when they shout"
             */
            childsVoice?: string;
            /**
             * @description Whether the child was seen alone: yes, no, not-applicable, or empty (not recorded)
             * @example yes
             */
            seenAlone?: string;
            /** @description Person ids of people linked to this chronology (at most 20); [] names nobody (in an amendment, clears the list) */
            personIds?: string[];
        } & {
            [key: string]: unknown;
        };
        EntryPatch: {
            /**
             * @description Any exchange-format date form
             * @example 05/04/2023
             */
            date?: string;
            /** @example 14:30 */
            time?: string;
            /**
             * @description Category slug or label
             * @example domestic-abuse-incident
             */
            category?: string;
            summary?: string;
            detail?: string;
            impactOnChild?: string;
            actionTaken?: string;
            sourceRef?: string;
            recordedBy?: string;
            /**
             * @description Who may see the entry in the family version of a conference pack; undecided (withheld from the family) when absent
             * @enum {string}
             */
            sharing?: "family" | "professionals" | "undecided";
            sharingReason?: string;
            /**
             * @description Screening categories only; null or empty for none
             * @example high
             */
            riskLevel?: string | null;
            /**
             * @description Domestic abuse risk checklist only: 0-27
             * @example 16
             */
            score?: number | string | null;
            /**
             * @description Graded Care Profile 2 only: a grade 1-5 per area
             * @example 2,4,1,3
             */
            areaGrades?: string | null;
            /**
             * @description The child's words, or what they did or showed; '' to clear
             * @example "I hide in my room when they shout"
             */
            childsVoice?: string;
            /**
             * @description Whether the child was seen alone: yes, no, not-applicable, or empty (not recorded)
             * @example yes
             */
            seenAlone?: string;
            /** @description Person ids of people linked to this chronology (at most 20); [] names nobody (in an amendment, clears the list) */
            personIds?: string[];
        } & {
            [key: string]: unknown;
        };
        Withdraw: {
            reason: string;
        } & {
            [key: string]: unknown;
        };
        HistoryItem: {
            at: string;
            actor: {
                id: string;
                name: string;
                agency: string;
            };
            action: string;
            via: string | null;
            changes: {
                [key: string]: {
                    from: unknown;
                    to: unknown;
                };
            };
        };
        SearchResult: {
            chronologyId: string;
            child: {
                givenName: string;
                familyName: string;
            };
            entryId: string;
            date: string;
            time: string;
            category: string;
            agency: string;
            summary: string;
            restricted: boolean;
            /** @description The text around the matches, in runs; `match` marks the words that matched */
            snippet: {
                text: string;
                match: boolean;
            }[];
        };
        CreateHousehold: {
            /** @description The children’s chronologies: at least two; you must be the lead professional of each */
            chronologyIds: string[];
            name?: string;
            /** @description Relationship and dates for some of the children; the others are siblings with no dates */
            children?: {
                chronologyId: string;
                /** @description One of sibling, half-sibling, step-sibling, other-child (default sibling) */
                relationship?: string;
                /** @description Since when the child has lived in the household, where known (an exchange-format date: a day, month or year) */
                from?: string;
                /** @description Until when (the child moved out), where known */
                to?: string;
            }[];
        };
        AddHouseholdChild: {
            chronologyId: string;
            /** @description One of sibling, half-sibling, step-sibling, other-child (default sibling) */
            relationship?: string;
            /** @description Since when the child has lived in the household, where known (an exchange-format date: a day, month or year) */
            from?: string;
            /** @description Until when (the child moved out), where known */
            to?: string;
        };
        Household: components["schemas"]["HouseholdView"] & {
            household?: {
                id: string;
                name: string | null;
            };
        };
        HouseholdChild: {
            chronologyId: string;
            givenName: string;
            familyName: string;
            dateOfBirth: string | null;
            lead: {
                name: string;
                agency: string;
            };
            /** @enum {string} */
            relationship: "sibling" | "half-sibling" | "step-sibling" | "other-child";
            from: string | null;
            to: string | null;
            /** @description Whether you may open this child’s chronology (its own members, or your emergency access) */
            canOpen: boolean;
        };
        HouseholdView: {
            household: {
                id: string;
                name: string | null;
            } | null;
            /** @description Every child in the household, the one asked about first; names, dates of birth and leads only */
            children: components["schemas"]["HouseholdChild"][];
        };
        Person: {
            id: string;
            givenName: string;
            familyName: string;
            dateOfBirth: string | null;
            /** @description The record this one was merged into; entries naming this record mean that one */
            mergedInto: string | null;
            householdId: string | null;
            createdAt: string;
            createdAgency: string;
            /** @description To the children whose chronologies you may see */
            relationships: {
                chronologyId: string;
                relationship: string;
                from: string | null;
                to: string | null;
            }[];
            /** @description The flags you may see (agency-only flags of other agencies are left out) */
            flags: components["schemas"]["PersonFlag"][];
        };
        PersonFlag: {
            id: string;
            kind: string;
            reason: string;
            /** @description professionals or agency */
            sharing: string;
            agency: string;
            createdAt: string;
            createdBy: {
                id: string;
                name: string;
            };
            withdrawnAt: string | null;
            withdrawnBy: {
                id: string;
                name: string;
            } | null;
            withdrawnReason: string | null;
        };
        NewPerson: {
            givenName: string;
            familyName: string;
            /** @description If known: a day, a month or a year (exchange-format date forms) */
            dateOfBirth?: string | null;
            /** @description How the adult stands to the child: one of mother, father, partner-of-mother, partner-of-father, grandparent, sibling-adult, other */
            relationship: string;
            /** @description Since when, where known (an exchange-format date) */
            from?: string | null;
            /** @description Until when, where known */
            to?: string | null;
        } & {
            [key: string]: unknown;
        };
        NewHouseholdPerson: components["schemas"]["NewPerson"] & ({
            /** @description A relationship per child, where it differs from `relationship` */
            children?: ({
                chronologyId: string;
                /** @description How the adult stands to the child: one of mother, father, partner-of-mother, partner-of-father, grandparent, sibling-adult, other */
                relationship: string;
                /** @description Since when, where known (an exchange-format date) */
                from?: string | null;
                /** @description Until when, where known */
                to?: string | null;
            } & {
                [key: string]: unknown;
            })[];
        } & {
            [key: string]: unknown;
        });
        PersonPatch: {
            givenName?: string;
            familyName?: string;
            /** @description '' or null: not known */
            dateOfBirth?: string | null;
            relationships?: ({
                chronologyId: string;
                /** @description How the adult stands to the child: one of mother, father, partner-of-mother, partner-of-father, grandparent, sibling-adult, other */
                relationship: string;
                /** @description Since when, where known (an exchange-format date) */
                from?: string | null;
                /** @description Until when, where known */
                to?: string | null;
            } & {
                [key: string]: unknown;
            })[];
        } & {
            [key: string]: unknown;
        };
        PersonFlagInput: {
            /** @description One of poses-risk-to-children, domestic-abuse-perpetrator, court-order, violence-to-staff, other-concern */
            kind: string;
            reason: string;
            /** @description professionals or agency: agency = seen only by your agency */
            sharing: string;
        } & {
            [key: string]: unknown;
        };
        PersonFlagWithdrawal: {
            reason: string;
        } & {
            [key: string]: unknown;
        };
        PersonMerge: {
            intoPersonId: string;
        } & {
            [key: string]: unknown;
        };
        HouseholdEventResult: {
            householdEventId: string;
            /** @description One copy per child written, each in that child’s chronology */
            entries: {
                chronologyId: string;
                entryId: string;
            }[];
            /** @description Children left out (your agency is not a member of their chronology); their lead is told an event exists and which agency holds it, never its content */
            skipped: {
                chronologyId: string;
                reason: string;
            }[];
        };
        /** @description An entry’s fields (validated like a new entry: every field at fault is reported) and, optionally, the children. */
        HouseholdEventInput: components["schemas"]["EntryInput"] & ({
            /** @description Which children of the household get a copy (default: all of them). Only children whose chronology your agency is a member of get one; the others are listed in `skipped`. */
            chronologyIds?: string[];
        } & {
            [key: string]: unknown;
        });
        HouseholdCopies: {
            /** @description null when the entry is not a household event */
            householdEventId: string | null;
            /** @description The event’s copies on the siblings’ chronologies that you may open; others are not mentioned */
            copies: {
                chronologyId: string;
                entryId: string;
                givenName: string;
                familyName: string;
            }[];
        };
        Analysis: {
            /** @description The lead professional’s summary: what the pattern means for the child */
            text: string;
            /** @description The summary written for the family; the family version of the pack shows only this (empty: nothing) */
            familySummary: string;
            /** @description 0 until the first save; also sent as the ETag */
            version: number;
            updatedAt: string | null;
            updatedBy: string | null;
            /** @description The current view of each agency that has recorded one */
            views: components["schemas"]["AgencyView"][];
        };
        AgencyView: {
            agency: string;
            /** @enum {string} */
            position: "agree" | "differ";
            text: string;
            /** @description Who recorded it */
            by: string;
            at: string;
            /** @description The summary version the view was given on (0: before any summary) */
            onVersion: number;
        };
        AnalysisHistory: {
            versions: {
                version: number;
                text: string;
                familySummary: string;
                by: string;
                agency: string;
                at: string;
            }[];
            /** @description Every view ever recorded, oldest first */
            views: components["schemas"]["AgencyView"][];
        };
        Action: {
            id: string;
            chronologyId: string;
            title: string;
            notes: string;
            ownerAgency: string;
            ownerUserId: string;
            /** @description A calendar day, YYYY-MM-DD */
            dueDate: string;
            /** @enum {string} */
            status: "open" | "done" | "cancelled";
            outcome: string | null;
            reason: string | null;
            /** @enum {string} */
            source: "entry" | "highlight" | "analysis";
            sourceRef: string;
            entryIds: string[];
            createdAt: string;
            createdBy: string;
            updatedAt: string;
            updatedBy: string;
            ownerName: string;
            createdByName: string;
            /** @description Open, and its due date before today (the partnership’s time zone) */
            overdue: boolean;
            daysOverdue: number;
            /** @description Every change, oldest first, its creation first */
            history: {
                at: string;
                by: string;
                byName: string;
                /** @enum {string} */
                kind: "create" | "update";
                changes: {
                    [key: string]: {
                        from: unknown;
                        to: unknown;
                    };
                };
            }[];
        };
        ImportResult: {
            importId: string | null;
            dryRun: boolean;
            imported: number;
            entryIds: string[];
            rows: {
                row: number;
                date: string;
                understood: string;
                agency: string;
                category: string;
                summary: string;
            }[];
            duplicates: {
                row: number;
                line: number;
                summary: string;
                /** @enum {string} */
                reason: "duplicate" | "withdrawn";
            }[];
        };
        AuditRecord: {
            seq: number;
            at: string;
            actorId: string;
            actorLabel: string;
            actorAgency: string;
            action: string;
            outcome: string;
            chronologyId: string | null;
            entryId: string | null;
            details: {
                [key: string]: unknown;
            };
        };
        PatternFamily: {
            siblings: {
                chronologyId: string;
                name: string;
                entries: {
                    id: string;
                    date: string;
                    agency: string;
                    category: string;
                    status: string;
                }[];
            }[];
            people: {
                id: string;
                name: string;
                mergedInto?: string | null;
                flags: {
                    kind: string;
                    createdAt: string;
                    withdrawnAt?: string | null;
                }[];
            }[];
        };
        ReviewList: {
            reviews: components["schemas"]["ReviewRecord"][];
        };
        ReviewRecord: {
            id: string;
            ruleId: string;
            /** @enum {string} */
            status: "reviewed" | "dismissed";
            note: string;
            by: string;
            byName: string;
            at: string;
            /** @description The highlight’s entries when it was reviewed */
            entryIds: string[];
            /** @description The highlight’s id when it was reviewed */
            highlightKey: string;
            /** @description Those entries changed since the review */
            changedEntryIds: string[];
        };
        Highlight: {
            id: string;
            ruleId: string;
            /** @enum {string} */
            severity: "medium" | "high";
            title: string;
            explanation: string;
            entryIds: string[];
            agencies: string[];
            window: {
                from: string;
                to: string;
            };
            thresholds: {
                [key: string]: number;
            };
            coarseEntryIds: string[];
            /** @description Expected-event checks only: what should have followed the trigger entry, by when, and whether it came late */
            expected?: {
                triggerEntryId: string;
                expectedCategories: string[];
                deadline: string;
                usuallyRecordedBy: string[];
                /** @enum {string} */
                status: "due" | "overdue" | "late";
                arrivedEntryId?: string;
                arrivedOn?: string;
            };
            /** @description closed-then-re-referred only: each closure and the referral or concern that followed it */
            cycles?: {
                closedEntryId: string;
                closedOn: string;
                reopenedEntryId: string;
                reopenedOn: string;
            }[];
            /** @description action-overdue only: the overdue action */
            actionId?: string;
            /** @description sibling-previously-on-plan only: the linked sibling and the entries of theirs it rests on (only a sibling whose chronology you may open, and only entries you may see there) */
            sibling?: {
                chronologyId: string;
                name: string;
                events: {
                    entryId: string;
                    category: string;
                    date: string;
                }[];
            };
            /** @description known-adult-returns only: the person named again (the surviving record when two were merged) */
            personId?: string;
            /** @description The last review while it still covers the highlight; null when never reviewed or reopened */
            review: {
                /** @enum {string} */
                status: "reviewed" | "dismissed";
                note: string;
                by: string;
                byName: string;
                at: string;
            } | null;
            /** @description True when its entries changed after the last review, including entries joining it */
            reopened: boolean;
            /** @description Every review of this highlight, oldest first; kept as the highlight’s window and id change (matched by rule and shared entries) */
            reviewHistory: components["schemas"]["ReviewHistoryItem"][];
            /** @description How the highlight differs from what its last review covered; null when never reviewed */
            sinceReview: {
                joined: number;
                left: number;
                changed: number;
            } | null;
        };
        ReviewHistoryItem: {
            /** @enum {string} */
            status: "reviewed" | "dismissed";
            note: string;
            by: string;
            byName: string;
            at: string;
            entryIds: string[];
        };
        /** @description Highlights that share an entry or overlap in time, grouped (transitively): no entry is in two episodes */
        Episode: {
            /** @description Stable while the same highlights make up the episode */
            id: string;
            /** @description ISO day: the earliest start of its highlights’ windows */
            from: string;
            /** @description ISO day: the latest end of its highlights’ windows */
            to: string;
            /**
             * @description The highest severity among its highlights not dismissed (among all when every one is)
             * @enum {string}
             */
            severity: "medium" | "high";
            /** @description Its highlights, most severe and most recent first; every highlight is in exactly one episode */
            highlightIds: string[];
            /**
             * @description past: ended more than episodes.pastAfterDays before asOf and every highlight in it reviewed or dismissed, or a plan started during it or within that time after it
             * @enum {string}
             */
            status: "current" | "past";
        };
        Review: {
            /** @enum {string} */
            status: "reviewed" | "dismissed";
            note: string;
        };
        PatternConfig: {
            [key: string]: unknown;
        };
        SharingChange: {
            /** @enum {string} */
            sharing: "family" | "professionals";
            reason: string;
        };
        BulkSharingDecision: {
            entryIds: string[];
            /** @enum {string} */
            sharing: "family" | "professionals";
            reason: string;
        };
        PackPreview: {
            /** @enum {string} */
            kind: "professional" | "family";
            conferenceDate: string;
            options: {
                from: string | null;
                to: string | null;
                agencies: string[] | null;
                household?: boolean;
            };
            version: string;
            rows: components["schemas"]["PackRow"][];
            highlights: components["schemas"]["PackHighlight"][];
            withheld: {
                "professionals-only": number;
                undecided: number;
                restricted: number;
                withdrawn: number;
            };
            withheldSummary: string;
            notSelected: {
                outsideDates: number;
                agencyNotIncluded: number;
            };
            highlightsLeftOut: {
                entriesNotInPack: number;
                dismissed: number;
            };
            /** @description Professional version only */
            childsVoice?: {
                quiet: boolean;
                quietAfterDays: number;
                lastHeardFrom: {
                    entryId: string;
                    date: string;
                    dateText: string;
                    daysSince: number;
                    approximate: boolean;
                } | null;
                lastSeenAlone: {
                    entryId: string;
                    date: string;
                    dateText: string;
                    daysSince: number;
                    approximate: boolean;
                } | null;
                agencies: {
                    agency: string;
                    agencyName: string;
                    lastHeardFrom: {
                        entryId: string;
                        date: string;
                        dateText: string;
                        daysSince: number;
                        approximate: boolean;
                    } | null;
                    lastSeenAlone: {
                        entryId: string;
                        date: string;
                        dateText: string;
                        daysSince: number;
                        approximate: boolean;
                    } | null;
                }[];
            };
            analysis?: {
                text: string;
                version: number;
                updatedAt: string | null;
                /** @description Professional version only */
                updatedBy?: string | null;
                views: {
                    agency: string;
                    agencyName: string;
                    /** @enum {string} */
                    position: "agree" | "differ";
                    text: string;
                    by: string;
                    at: string;
                }[];
            };
            actions?: {
                title: string;
                ownerAgency: string;
                ownerAgencyName: string;
                dueDate: string;
                /** @enum {string} */
                status: "open" | "done" | "cancelled";
                overdue: boolean;
                standing: string;
                ownerName?: string;
                outcome?: string | null;
                reason?: string | null;
                notes?: string;
                entryIds?: string[];
            }[];
            household?: {
                name: string | null;
                siblings: {
                    name: string;
                    dateOfBirth: string;
                    ageText: string;
                    relationship: string;
                    lead: string;
                    /** @description Professional version only */
                    canOpen?: boolean;
                }[];
                householdEvents: number;
                /** @description Professional version only */
                people?: {
                    name: string;
                    relationship: string;
                    flags: {
                        kind: string;
                        agencyName: string;
                        since: string;
                        reason: string;
                    }[];
                }[];
            };
        };
        PackRow: {
            entryId: string;
            date: string;
            time: string;
            recordedAt: string;
            dateText: string;
            ageText: string;
            agency: string;
            agencyName: string;
            category: string;
            categoryLabel: string;
            summary: string;
            detail: string;
            impactOnChild: string;
            actionTaken: string;
            childsVoice: string;
            /**
             * @description Professional version only
             * @enum {string}
             */
            seenAlone?: "yes" | "no" | "not-applicable" | "";
            /** @description Professional version only */
            source?: {
                sourceRef: string;
                recordedBy: string;
            };
            /** @description Professional version only */
            professionalsOnly?: {
                reason: string;
            };
            /** @enum {boolean} */
            householdEvent?: true;
        };
        PackHighlight: {
            id: string;
            title: string;
            /** @enum {string} */
            severity: "medium" | "high";
            explanation: string;
            window: {
                from: string;
                to: string;
            };
            agencyNames: string[];
            entryIds: string[];
            review?: {
                /** @enum {string} */
                status: "reviewed" | "dismissed";
                note: string;
                byName: string;
                at: string;
            } | null;
            reopened?: boolean;
        };
        PackPreviewRequest: {
            /** @enum {string} */
            kind: "professional" | "family";
            /**
             * @description The day of the conference, YYYY-MM-DD
             * @example 2025-03-12
             */
            conferenceDate: string;
            /** @description Entries whose date ends on or after this date (any exchange-format date form) */
            from?: string;
            /** @description Entries whose date starts on or before this date */
            to?: string;
            /** @description Agency slugs to include; all agencies when absent */
            agencies?: string[];
            /** @description Include the household (issue 14): the other children (name, date of birth, age, place in the household, lead; in the professional version also whether you may open their chronology) and this chronology’s household events marked. Never a sibling’s entries. */
            household?: boolean;
            /** @enum {string} */
            format?: "pdf" | "csv";
        };
        PackRequest: {
            /** @enum {string} */
            kind: "professional" | "family";
            /**
             * @description The day of the conference, YYYY-MM-DD
             * @example 2025-03-12
             */
            conferenceDate: string;
            /** @description Entries whose date ends on or after this date (any exchange-format date form) */
            from?: string;
            /** @description Entries whose date starts on or before this date */
            to?: string;
            /** @description Agency slugs to include; all agencies when absent */
            agencies?: string[];
            /** @description Include the household (issue 14): the other children (name, date of birth, age, place in the household, lead; in the professional version also whether you may open their chronology) and this chronology’s household events marked. Never a sibling’s entries. */
            household?: boolean;
            /** @enum {string} */
            format: "pdf" | "csv";
        };
        Snapshot: {
            id: string;
            label: string;
            takenAt: string;
            takenBy: {
                id: string;
                name: string;
            };
            conferenceDate: string | null;
            kind: string | null;
            format: string | null;
            version: string | null;
            entryCount: number | null;
            options: {
                from: string | null;
                to: string | null;
                agencies: string[] | null;
            } | null;
        };
        ChangesSinceSnapshot: {
            since: components["schemas"]["Snapshot"] & (Record<string, never> | null);
            version: string;
            added: components["schemas"]["Entry"][];
            amended: {
                entry: components["schemas"]["Entry"];
                changes: {
                    [key: string]: {
                        from: unknown;
                        to: unknown;
                    };
                };
            }[];
            withdrawn: {
                entry: components["schemas"]["Entry"];
                reason: string;
                newSinceSnapshot: boolean;
                changes: {
                    [key: string]: {
                        from: unknown;
                        to: unknown;
                    };
                };
            }[];
        };
        BreakGlassLookup: {
            nhsNumber: string;
        };
        BreakGlassGrant: {
            id: string;
            chronologyId: string;
            userId: string;
            userName: string;
            agency: string;
            reason: string;
            grantedAt: string;
            expiresAt: string;
            reviewedAt: string | null;
            reviewNote: string | null;
            reads: number;
            /** @description The same user had emergency access to this chronology before */
            repeat: boolean;
            earlierGrants: number;
            /** @description When the previous of those grants began */
            lastGrantedAt: string | null;
        };
        BreakGlassRequest: {
            reason: string;
            password: string;
        };
        BreakGlassReview: {
            note: string;
        };
        RetentionItem: {
            id: string;
            kind: string;
            createdAt: string;
            retentionUntil: string;
            legalHold: boolean;
            leadName: string;
        };
        LegalHold: {
            hold: boolean;
            reason: string;
        };
        Dispose: {
            confirm: string;
            reason: string;
        };
        ApiToken: {
            id: string;
            agency: string;
            name: string;
            createdAt: string;
            /** @description The name of the administrator who issued it */
            issuedBy: string;
            revokedAt: string | null;
            lastUsedAt: string | null;
            /** @description False while it awaits a second approver (it does not work until then) */
            approved: boolean;
        };
        IssueToken: {
            agency: string;
            name: string;
        };
        User: {
            id: string;
            email: string;
            name: string;
            role: string;
            agency: string;
            disabled: boolean;
            /** @description Whether a single sign-on identity is bound to the account (its first SSO sign-in) */
            ssoBound: boolean;
            /** @description False while it awaits a second approver (it cannot sign in until then) */
            approved: boolean;
        };
        CreateUser: {
            /** Format: email */
            email: string;
            name: string;
            /** @enum {string} */
            role: "practitioner" | "dsl" | "lead" | "admin";
            agency: string;
            password: string;
        };
        PendingApproval: {
            /** @enum {string} */
            kind: "user" | "token";
            id: string;
            name: string;
            email: string | null;
            /** @description The account role; null for an API token */
            role: string | null;
            agency: string;
            createdAt: string;
            createdBy: string;
            createdByName: string;
            /** @description Whether you may approve it (never what you created yourself) */
            mayApprove: boolean;
        };
        AccessReview: {
            generatedAt: string;
            staleAfterDays: number;
            users: {
                id: string;
                email: string;
                name: string;
                role: string;
                agency: string;
                agencyName: string;
                disabled: boolean;
                ssoBound: boolean;
                createdAt: string;
                lastSignInAt: string | null;
                liveSessions: number;
                /** @description Enabled, but not signed in (or created) within staleAfterDays */
                stale: boolean;
            }[];
            tokens: {
                id: string;
                agency: string;
                name: string;
                createdAt: string;
                issuedBy: string;
                lastUsedAt: string | null;
                revokedAt: string | null;
                /** @description Not revoked, but not used (or issued) within staleAfterDays */
                stale: boolean;
            }[];
            summary: {
                users: number;
                disabled: number;
                staleUsers: number;
                tokens: number;
                staleTokens: number;
            };
        };
        AlertPreferencesView: {
            preferences: components["schemas"]["AlertPreferences"];
            /** @description Whether your role is alerted at all: the lead professional of a chronology and DSLs are */
            receivesAlerts: boolean;
            /** @description Whether alerts are also emailed (the server has a mail server configured) */
            email: boolean;
            /** @description The hour (UTC) the daily digest is sent */
            digestHour: number;
        };
        AlertPreferences: {
            /** @description A high-severity pattern episode opens or grows */
            episodes: {
                follow: boolean;
                /**
                 * @description immediate: an email as it happens; digest: in one email a day at the digest hour
                 * @enum {string}
                 */
                frequency: "immediate" | "digest";
            };
            /** @description Another agency records an entry in a category you follow */
            entries: {
                /** @description Category codes (the vocabulary’s slugs) to follow */
                categories: string[];
                /**
                 * @description immediate: an email as it happens; digest: in one email a day at the digest hour
                 * @enum {string}
                 */
                frequency: "immediate" | "digest";
            };
            /** @description An action becomes overdue */
            actions: {
                follow: boolean;
                /**
                 * @description immediate: an email as it happens; digest: in one email a day at the digest hour
                 * @enum {string}
                 */
                frequency: "immediate" | "digest";
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
