import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Machine-readable error codes of the collector's JSON error body. */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_messages'
  | 'invalid_request'
  | 'payload_too_large'
  | 'missing_write_key'
  | 'invalid_write_key'
  | 'missing_admin_key'
  | 'invalid_admin_key'
  | 'origin_not_allowed'
  | 'rate_limited'
  | 'unverified_user'
  | 'not_found'
  | 'bad_request'
  | 'internal';

/** The one error body: `{error: {code, message, details}}`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/**
 * The collector's one error type. Route code throws it; the app's error handler turns it
 * into the JSON error body with its status.
 *
 * @example throw new AppError(401, 'invalid_write_key', 'The write key is not valid.');
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra top-level fields of the answer, next to `error` (like `accepted`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody & Record<string, unknown> {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.details !== undefined) error.details = this.details;
    return { error, ...this.extra };
  }
}
