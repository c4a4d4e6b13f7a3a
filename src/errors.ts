// Domain errors: services say what went wrong in the product's terms; http/ maps them to status codes.
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'locked';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** A stable machine-readable code, e.g. `invalid_credentials`. */
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Bad input in one named field. */
export function fieldError(field: string, message: string, code = 'validation'): DomainError {
  return new DomainError('invalid', code, `${field}: ${message}`, { fields: { [field]: message } });
}

/** A problem the person running a command can act on: the CLI prints its message as one line and exits 1. */
export class UserFacingError extends Error {}
