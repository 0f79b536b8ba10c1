import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode } from '../errors/catalogue.js';
/**
 * Every error leaves as {code, message, details} with the message in the caller's language.
 * A user's mistake is always a 4xx; only our own faults are a 500, and those never carry
 * internals (the stack goes to the log).
 */
export declare function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: Record<string, unknown>, vars?: Record<string, unknown>): FastifyReply<import("fastify").RouteGenericInterface, import("fastify").RawServerDefault, import("http").IncomingMessage, import("http").ServerResponse<import("http").IncomingMessage>, unknown, import("fastify").FastifySchema, import("fastify").FastifyTypeProviderDefault, unknown>;
export declare function installErrorHandling(app: FastifyInstance): void;
