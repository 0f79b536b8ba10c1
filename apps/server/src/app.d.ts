import type { App, AppContext, RouteModule } from './platform/context.js';
import type { Access } from './platform/http/request-context.js';
export declare const ROUTE_MODULES: RouteModule[];
/** Every API route with its declared access, for the authorization test and the docs. */
export type RouteAccessEntry = {
    method: string;
    url: string;
    access: Access;
    hiddenFromDocs: boolean;
};
declare module 'fastify' {
    interface FastifyInstance {
        routeAccess: RouteAccessEntry[];
    }
}
export type BuildOptions = {
    logger?: boolean | object;
};
/** Composes the HTTP application: platform plugins first, then every module's routes. */
export declare function buildApp(ctx: AppContext, options?: BuildOptions): Promise<App>;
