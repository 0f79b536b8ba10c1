import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, ERRORS } from '../errors/catalogue.js';
import { messageVars, translate } from '../errors/messages.js';
import { describeValidation } from '../errors/validation.js';

/**
 * Every error leaves as {code, message, details} with the message in the caller's language.
 * A user's mistake is always a 4xx; only our own faults are a 500, and those never carry
 * internals (the stack goes to the log).
 */
export function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: Record<string, unknown>, vars?: Record<string, unknown>) {
  const body: { code: string; message: string; details?: Record<string, unknown> } = {
    code,
    message: translate(code, req.locale ?? 'fr', { ...messageVars(details, req.locale ?? 'fr'), ...vars }),
  };
  if (details) body.details = details;
  return reply.status(ERRORS[code]).type('application/json; charset=utf-8').send(body);
}

const DB_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300']);

function fromDatabase(err: { code?: string; constraint?: string; message?: string }): ErrorCode | undefined {
  if (err.code && DB_UNAVAILABLE.has(err.code)) return 'database.unavailable';
  if (err.code?.startsWith('08')) return 'database.unavailable';
  if (err.message && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(err.message)) {
    return 'database.unavailable';
  }
  if (err.code === '23505' && err.constraint === 'users_email_key') return 'user.email_taken';
  // Two hand-overs of the same item at once: the second meets the "out once" index.
  if (err.code === '23505' && err.constraint === 'equipment_loan_items_out_idx') return 'loan.item_already_out';
  // Constraints are the last line of validation: a violation is the caller's bad input.
  // 22021 and 22P05: a NUL character, which PostgreSQL cannot store in text or jsonb.
  if (err.code && ['23502', '23503', '23514', '22P02', '22001', '22003', '22007', '22008', '22021', '22P05'].includes(err.code)) {
    return 'request.validation_failed';
  }
  if (err.code === '42501') return 'auth.forbidden';
  return undefined;
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { constraint?: string }, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return sendError(req, reply, err.code, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = describeValidation(err.validation, req.locale, err.validationContext);
      return sendError(req, reply, 'request.validation_failed', { in: err.validationContext ?? 'body', fields }, {
        fields: fields.map((f) => f.message).join(' ; '),
      });
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(req, reply, 'request.too_large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(req, reply, 'request.unsupported_media_type');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(req, reply, 'request.invalid_json');
    }
    if (err instanceof SyntaxError && err.statusCode === 400) return sendError(req, reply, 'request.invalid_json');
    if (err.statusCode === 429) return sendError(req, reply, 'request.rate_limited');
    // A full disk (or quota) while writing an upload is the server's condition, not the user's
    // mistake: a clear 507 the phone retries later, instead of an anonymous 500.
    if (err.code === 'ENOSPC' || err.code === 'EDQUOT') {
      req.log.error({ err }, 'storage full');
      reply.header('retry-after', '300');
      return sendError(req, reply, 'storage.full');
    }
    const dbCode = fromDatabase(err);
    if (dbCode) {
      if (dbCode === 'database.unavailable') {
        req.log.warn({ err }, 'database unavailable');
        reply.header('retry-after', '2');
      }
      return sendError(req, reply, dbCode);
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      req.log.info({ err }, 'client error without a catalogue code');
      return sendError(req, reply, err.statusCode === 404 ? 'request.not_found' : 'request.validation_failed');
    }
    req.log.error({ err }, 'unexpected error');
    return sendError(req, reply, 'internal.error');
  });
}
