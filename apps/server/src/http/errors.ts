import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The one error shape of the API: `{ error: { code, message, fields? } }`. Throw it from anywhere in a
 * request; `onError` turns it into the response.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly fields: FieldProblem[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(status: ContentfulStatusCode, code: string, message: string, fields?: FieldProblem[], extra?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.extra = extra;
  }
}

/** 429: the caller must wait; `onError` sends `Retry-After` and the body says `retryAfterSeconds` too. */
export class TooManyRequests extends ApiError {
  readonly retryAfterSeconds: number;

  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(429, code, message, undefined, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const notFound = (what = 'chronology') =>
  new ApiError(404, 'not_found', `No ${what} was found with that id, or you do not have access to it.`);
export const forbidden = (reason: string) => new ApiError(403, 'forbidden', reason);
export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Sign in to continue.');
export const invalid = (message: string, fields: FieldProblem[], extra?: Record<string, unknown>) =>
  new ApiError(422, 'invalid', message, fields, extra);

export function errorBody(err: ApiError) {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.extra ?? {}),
    },
  };
}

export function respondError(c: Context, err: ApiError) {
  return c.json(errorBody(err), err.status);
}

