/** A refusal with its HTTP status and a French message for the user. */
export class ReportError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}
