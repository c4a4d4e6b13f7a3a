// Every error leaves as `{ error, message, details }` with the right status; the user's mistakes are never a 500.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorKind } from '../errors.ts';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  locked: 429,
};

export interface ErrorBody {
  error: string;
  message: string;
  details: Record<string, unknown>;
}

export function errorBody(error: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error, message, details };
}

export function handleError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    if (err.kind === 'locked' && typeof err.details.retryAfterSeconds === 'number') {
      reply.header('retry-after', String(err.details.retryAfterSeconds));
    }
    return reply.code(STATUS[err.kind]).send(errorBody(err.code, err.message, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const fields: Record<string, string> = {};
    for (const issue of err.validation) {
      const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || where;
      fields[field] ??= issue.message ?? 'is invalid';
    }
    const first = Object.entries(fields)[0];
    const message = first ? `${first[0]}: ${first[1]}` : `invalid ${where}`;
    return reply.code(400).send(errorBody('validation', message, { in: where, fields }));
  }
  const fastifyErr = err as FastifyError;
  const status = fastifyErr.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large, rate limits.
    const code =
      status === 429
        ? 'rate_limited'
        : status === 413
          ? 'too_large'
          : status === 415
            ? 'unsupported_media_type'
            : 'bad_request';
    return reply.code(status).send(errorBody(code, fastifyErr.message, {}));
  }
  request.log.error({ err }, 'unhandled error');
  return reply.code(500).send(errorBody('internal', 'Something went wrong on our side; it has been logged'));
}
