import Fastify, { LogController } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { z } from 'zod';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { jsonValueSchema } from '@vigie/domain';
import type { App, AppContext, RouteModule } from './platform/context.js';
import type { Access } from './platform/http/request-context.js';
import { installAuthentication } from './platform/http/authentication.js';
import { installAuditChaining } from './platform/audit/audit-sequencer.js';
import { installErrorHandling, sendError } from './platform/http/error-handler.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { auditRoutes } from './modules/platform/audit/audit.routes.js';
import { authRoutes } from './modules/identity/auth/auth.routes.js';
import { evidenceRoutes } from './modules/field/evidence/evidence.routes.js';
import { healthRoutes } from './modules/platform/health/health.routes.js';
import { invitationsRoutes } from './modules/identity/invitations/invitations.routes.js';
import { rolesRoutes } from './modules/identity/roles/roles.routes.js';
import { securityRoutes } from './modules/identity/security/security.routes.js';
import { setupRoutes } from './modules/identity/setup/setup.routes.js';
import { usersRoutes } from './modules/identity/users/users.routes.js';
import { identityGrantsRoutes } from './modules/identity/grants/grants.routes.js';
import { fieldRoutes } from './modules/field/reference/field.routes.js';
import { taxonomiesRoutes } from './modules/field/taxonomies/taxonomies.routes.js';
import { syncRoutes } from './modules/field/sync/sync.routes.js';
import { sitesRoutes } from './modules/field/sites/sites.routes.js';
import { reviewRoutes } from './modules/field/review/review.routes.js';
import { evictionsRoutes } from './modules/field/evictions/evictions.routes.js';
import { conflictsRoutes } from './modules/field/sync/conflicts.routes.js';
import { incidentsRoutes } from './modules/field/incidents/incidents.routes.js';
import { operationsRoutes } from './modules/field/operations/operations.routes.js';
import { transferRoutes } from './modules/field/transfer/transfer.routes.js';
import { personsRoutes } from './modules/field/persons/persons.routes.js';
import { reportsRoutes } from './modules/communication/reports/reports.routes.js';
import { legalCasesRoutes } from './modules/legal/cases/cases.routes.js';
import { testimoniesRoutes } from './modules/field/testimonies/testimonies.routes.js';
import { roundsRoutes } from './modules/field/rounds/rounds.routes.js';
import { legalDocumentsRoutes } from './modules/legal/cases/case-documents.routes.js';
import { legalGrantsRoutes } from './modules/legal/cases/case-grants.routes.js';
import { deadlinesRoutes } from './modules/legal/deadlines/deadlines.routes.js';
import { bundlesRoutes } from './modules/legal/bundles/bundles.routes.js';
import { witnessRoutes } from './modules/legal/witness/witness.routes.js';
import { patternRoutes } from './modules/legal/pattern/pattern.routes.js';
import { bulletinsRoutes } from './modules/communication/bulletins/bulletins.routes.js';
import { statisticsRoutes } from './modules/communication/statistics/statistics.routes.js';
import { contactsRoutes } from './modules/communication/contacts/contacts.routes.js';
import { pressReleasesRoutes } from './modules/communication/press-releases/press-releases.routes.js';
import { publicSiteRoutes } from './modules/communication/public-site/public-site.routes.js';
import { mailingsRoutes } from './modules/communication/mailings/mailings.routes.js';
import { publicStatisticsRoutes } from './modules/communication/statistics/public-statistics.routes.js';
import { applicationsRoutes } from './modules/association/applications/applications.routes.js';
import { postingsRoutes } from './modules/association/postings/postings.routes.js';
import { jobAlertsRoutes } from './modules/association/postings/job-alerts.routes.js';
import { checklistsRoutes } from './modules/association/checklists/checklists.routes.js';
import { equipmentRoutes } from './modules/association/equipment/equipment.routes.js';
import { meetingsRoutes } from './modules/association/meetings/meetings.routes.js';
import { boardHomeRoutes } from './modules/association/board/board-home.routes.js';
import { membersRoutes } from './modules/association/members/members.routes.js';
import { vehiclesRoutes } from './modules/association/vehicles/vehicles.routes.js';
import { staysRoutes } from './modules/association/stays/stays.routes.js';
import { internshipsRoutes } from './modules/association/internships/internships.routes.js';
import { tasksRoutes } from './modules/association/tasks/tasks.routes.js';
import { availabilityRoutes } from './modules/association/availability/availability.routes.js';
import { phonesRoutes } from './modules/field/phones/phones.routes.js';
import { rotaRoutes } from './modules/field/rota/rota.routes.js';
import { researchRoutes } from './modules/communication/research/research.routes.js';
import { monitoringRoutes } from './modules/communication/monitoring/monitoring.routes.js';
import { shareCardsRoutes } from './modules/communication/share-cards/share-cards.routes.js';
import { campaignsRoutes } from './modules/communication/campaigns/campaigns.routes.js';
import { grantsRoutes } from './modules/communication/grants/grants.routes.js';
import { newslettersRoutes } from './modules/communication/newsletters/newsletters.routes.js';
import { newsletterPublicRoutes } from './modules/communication/newsletters/newsletter-public.routes.js';

export const ROUTE_MODULES: RouteModule[] = [
  healthRoutes, setupRoutes, authRoutes, usersRoutes, invitationsRoutes, identityGrantsRoutes, securityRoutes, auditRoutes, rolesRoutes,
  fieldRoutes, taxonomiesRoutes, syncRoutes, sitesRoutes, reviewRoutes, evictionsRoutes, conflictsRoutes, incidentsRoutes, operationsRoutes, personsRoutes, evidenceRoutes, transferRoutes,
  phonesRoutes, rotaRoutes, testimoniesRoutes, roundsRoutes,
  legalCasesRoutes, legalDocumentsRoutes, legalGrantsRoutes, deadlinesRoutes, bundlesRoutes, witnessRoutes, patternRoutes,
  bulletinsRoutes, statisticsRoutes, publicStatisticsRoutes, reportsRoutes, researchRoutes,
  contactsRoutes, mailingsRoutes, pressReleasesRoutes, publicSiteRoutes, monitoringRoutes, shareCardsRoutes, campaignsRoutes, grantsRoutes,
  newslettersRoutes, newsletterPublicRoutes,
  postingsRoutes, jobAlertsRoutes, checklistsRoutes, applicationsRoutes, equipmentRoutes, meetingsRoutes, boardHomeRoutes, membersRoutes, vehiclesRoutes, staysRoutes, internshipsRoutes, tasksRoutes, availabilityRoutes,
];

/** The OpenAPI description as @fastify/swagger builds it: JSON, an OpenAPI 3 version, a title, the operations of each path. */
const openApiDocumentSchema = z.looseObject({
  openapi: z.string().regex(/^3\./),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), jsonValueSchema)),
  components: z.record(z.string(), jsonValueSchema).optional(),
});

/** Every API route with its declared access, for the authorization test and the docs. */
export type RouteAccessEntry = { method: string; url: string; access: Access; hiddenFromDocs: boolean };
declare module 'fastify' {
  interface FastifyInstance { routeAccess: RouteAccessEntry[] }
}

export type BuildOptions = { logger?: boolean | object };

/** Composes the HTTP application: platform plugins first, then every module's routes. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: ctx.config.logLevel },
    // Only the configured proxies' X-Forwarded-For is believed (an empty list: none).
    trustProxy: ctx.config.trustProxy.length ? ctx.config.trustProxy : false,
    // Slow clients (slowloris) are cut off: idle sockets, and requests that take too long.
    connectionTimeout: ctx.config.requestTimeoutSeconds * 1000,
    requestTimeout: ctx.config.requestTimeoutSeconds * 1000,
    bodyLimit: 256 * 1024,
    // Request lines would log invitation and reset tokens carried in URLs; errors still log.
    logController: new LogController({ disableRequestLogging: true }),
    // The router's own refusals (a malformed percent-encoding, a path segment over 100
    // characters) never reach the error handler: without this they left as Fastify's bodies,
    // outside the catalogue. Such an address names nothing here.
    frameworkErrors: (_err, req, reply) => sendError(req, reply, 'request.not_found'),
  }).withTypeProvider<ZodTypeProvider>();
  const routeAccess: RouteAccessEntry[] = [];
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!route.url.startsWith('/api/') || !access) return;
    // hiddenFromDocs lets the authorization test check that every other route is in the OpenAPI description.
    const hiddenFromDocs = Boolean((route.schema as { hide?: boolean } | undefined)?.hide);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeAccess.push({ method, url: route.url, access, hiddenFromDocs });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON is accepted on the API: a form post from another site cannot even be parsed.
  app.removeContentTypeParser('text/plain');

  installErrorHandling(app);
  await installSecurityHeaders(app, { tileOrigin: ctx.config.mapTiles?.origin, https: ctx.config.publicUrl.startsWith('https:') });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Vigie API', version: '0.1.0', description: 'API of Vigie, the information system of border human-rights observatories.' },
    },
    transform: jsonSchemaTransform,
    // Named schemas (`JsonValue`, recursive) become components, which the routes' schemas refer to.
    transformObject: jsonSchemaTransformObject,
  });
  installAuditChaining(app, ctx.db, app.log, { sharedDatabase: ctx.config.database.kind === 'postgres' });
  installAuthentication(app, ctx.db, ctx.config.publicUrl);
  app.decorate('routeAccess', routeAccess);

  app.get('/api/openapi.json', { config: { access: { kind: 'public' } }, schema: { hide: true, response: { 200: openApiDocumentSchema } } },
    // The document is plain JSON by construction (built from the routes' JSON Schemas); its types say less.
    async () => app.swagger() as unknown as z.input<typeof openApiDocumentSchema>);

  for (const register of ROUTE_MODULES) register(app, ctx);

  if (ctx.config.webDist) {
    await app.register(fastifyStatic, {
      root: ctx.config.webDist,
      // Hashed assets never change; the service worker and the shell must be revalidated.
      setHeaders: (reply, path) => {
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    // A missing file (say a stale /assets/*.js after a deploy) is a 404, never the HTML shell.
    const looksLikeFile = /\.[a-z0-9]+$/i.test(req.url.split('?')[0] ?? '');
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !ctx.config.webDist || looksLikeFile) {
      return sendError(req, reply, 'request.not_found');
    }
    // The web app routes on the client: any other GET gets the app shell.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
