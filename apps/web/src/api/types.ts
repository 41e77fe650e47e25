// The API's shapes as the browser sees them, read from ONE source: schema.gen.ts, generated from the
// server's OpenAPI document (apps/server/scripts/api-types.ts; a server test fails while it is stale).
// Nothing here declares a field: a name below is only a short way to say "the reply of this route" or
// "this schema of the document". To type a new route's reply, use Reply<'/api/…/{id}', 'get'>.
import type { components, paths } from './schema.gen.js';

/** Every named schema of the OpenAPI document (`Schemas['Entry']`, `Schemas['Chronology']`, …). */
export type Schemas = components['schemas'];

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Success<R> = R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never;

/** The JSON body of a route's successful reply (200 or 201), exactly as the server's document declares it. */
export type Reply<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]> extends { responses: infer R } ? Success<R> : never;

/** The JSON body a route takes. */
export type RequestBody<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters a route takes (`{}` when it takes none). */
export type Query<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of an array type. */
export type ItemOf<A> = A extends ReadonlyArray<infer T> ? T : never;
