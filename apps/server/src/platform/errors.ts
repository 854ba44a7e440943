// One error hierarchy for every user-facing failure; the HTTP layer maps each to problem+json.
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  constructor(
    status: number,
    title: string,
    detail?: string,
    opts: { errors?: FieldError[]; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.errors = opts.errors;
    this.extra = opts.extra;
    this.headers = opts.headers;
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields') {
    super(400, 'Bad Request', detail, { errors });
  }
}
export const fieldError = (field: string, message: string) =>
  new ValidationError([{ field, message }], message);

export class Unauthorized extends AppError {
  constructor(detail = 'Sign in to continue') {
    super(401, 'Unauthorized', detail);
  }
}
export class Forbidden extends AppError {
  constructor(detail = 'You are not allowed to do this') {
    super(403, 'Forbidden', detail);
  }
}
export class NotFound extends AppError {
  constructor(detail = 'Not found') {
    super(404, 'Not Found', detail);
  }
}
export class Conflict extends AppError {
  constructor(detail: string, errors?: FieldError[], extra?: Record<string, unknown>) {
    super(409, 'Conflict', detail, { errors, extra });
  }
}
export class PreconditionFailed extends AppError {
  constructor(
    detail = 'The record was changed by someone else; reload it and try again',
    extra?: Record<string, unknown>,
  ) {
    super(412, 'Precondition Failed', detail, { extra });
  }
}
export class PayloadTooLarge extends AppError {
  constructor(detail = 'The request body is too large') {
    super(413, 'Payload Too Large', detail);
  }
}
export class Unprocessable extends AppError {
  constructor(detail: string, errors?: FieldError[]) {
    super(422, 'Unprocessable Content', detail, { errors });
  }
}
export class TooManyRequests extends AppError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'Too Many Requests', detail, {
      headers: { 'retry-after': String(Math.ceil(retryAfterSeconds)) },
    });
  }
}
