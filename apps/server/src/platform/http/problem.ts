// Every failure leaves as application/problem+json (RFC 9457). Unknown errors are logged and
// answered 500 without internals; known database errors from bad input map to 4xx.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  [k: string]: unknown;
}

export function sendProblem(reply: FastifyReply, p: Problem, headers?: Record<string, string>) {
  if (headers) for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.status(p.status).type('application/problem+json').send(p);
}

const about = 'about:blank';

function fromPostgres(err: {
  code?: string;
  message: string;
  constraint?: string;
  detail?: string;
}): Problem | null {
  switch (err.code) {
    case '23505':
      return {
        type: about,
        title: 'Conflict',
        status: 409,
        detail: 'A record with this value already exists',
      };
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
    case '22021':
    case '22P05':
    case '2201B':
    case '54000':
      return {
        type: about,
        title: 'Bad Request',
        status: 400,
        detail: 'A value has the wrong type or is too large',
      };
    case '23503':
      return { type: about, title: 'Bad Request', status: 400, detail: 'A referenced record does not exist' };
    case '40001':
    case '40P01':
      return {
        type: about,
        title: 'Conflict',
        status: 409,
        detail: 'A concurrent change conflicted; retry the request',
      };
    default:
      return null;
  }
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(
    (error: FastifyError & Record<string, any>, req: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof AppError) {
        const body: Problem = {
          type: about,
          title: error.title,
          status: error.status,
          detail: error.message,
        };
        if (error.errors) body.errors = error.errors;
        if (error.extra) Object.assign(body, error.extra);
        return sendProblem(reply, body, error.headers);
      }
      const code = error.code;
      if (
        code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
        code === 'FST_REQ_FILE_TOO_LARGE' ||
        error.statusCode === 413
      ) {
        return sendProblem(reply, {
          type: about,
          title: 'Payload Too Large',
          status: 413,
          detail: 'The request body is too large',
        });
      }
      if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
        return sendProblem(reply, {
          type: about,
          title: 'Unsupported Media Type',
          status: 415,
          detail: 'Send the body as application/json',
        });
      }
      if (error.validation) {
        return sendProblem(reply, {
          type: about,
          title: 'Bad Request',
          status: 400,
          detail: error.message,
          errors: (error.validation as { instancePath?: string; message?: string }[]).map((v) => ({
            field: (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || '(body)',
            message: v.message ?? 'Invalid value',
          })),
        });
      }
      const pgProblem = fromPostgres(error);
      if (pgProblem) {
        req.log.info({ err: error }, 'database refused input');
        return sendProblem(reply, pgProblem);
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return sendProblem(reply, {
          type: about,
          title: error.name === 'FastifyError' ? 'Bad Request' : error.name || 'Bad Request',
          status: error.statusCode,
          detail: error.message,
        });
      }
      req.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, {
        type: about,
        title: 'Internal Server Error',
        status: 500,
        detail: 'Something went wrong on our side; the request id is ' + req.id,
      });
    },
  );
}
