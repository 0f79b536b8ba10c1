import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../db/database.js';
export declare const SESSION_COOKIE = "vigie_session";
export declare function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void;
export declare function clearSessionCookie(reply: FastifyReply, secure: boolean): void;
/**
 * Resolves who is calling, checks CSRF and applies the route's declared access — before the
 * body is even validated, so an anonymous caller learns nothing about a route's schema.
 */
export declare function installAuthentication(app: FastifyInstance, db: Db, publicUrl: string): void;
