import type { RouteModule } from '../../platform/context.js';
export declare const healthRoutes: RouteModule;
