import type { RouteModule } from '../../platform/context.js';
/** The permission table itself, so the admin screen shows exactly what the server enforces. */
export declare const rolesRoutes: RouteModule;
