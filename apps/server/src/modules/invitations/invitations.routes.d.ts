import type { RouteModule } from '../../platform/context.js';
export declare const invitationsRoutes: RouteModule;
