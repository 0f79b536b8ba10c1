import type { RouteModule } from '../../platform/context.js';
/** The organisation's own audit trail, newest first, for administrators. */
export declare const auditRoutes: RouteModule;
