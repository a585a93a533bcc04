/** The statuses the application refuses with: each one answered by french-errors.ts with its message. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

/**
 * A refusal a user can act on: its status and a French message, answered as
 * `{ data: null, error: { status, name, message, details } }` by the french-errors middleware,
 * whichever route threw it (content API or admin panel). The one error type of the application.
 */
export class HttpError extends Error {
  constructor(
    readonly status: RefusalStatus,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = ERROR_NAMES[status];
  }
}

/** The names Strapi gives these statuses in its own error answers, kept so that clients see one shape. */
export const ERROR_NAMES: Record<RefusalStatus, string> = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  413: 'PayloadTooLargeError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
};

/** A value the user sent, quoted in a message, cut short if it is long. */
export const shown = (value: string) => `« ${value.length > 60 ? `${value.slice(0, 60)}…` : value} »`;
