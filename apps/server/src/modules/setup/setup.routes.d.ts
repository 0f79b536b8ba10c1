import type { RouteModule } from '../../platform/context.js';
export declare const setupRoutes: RouteModule;
