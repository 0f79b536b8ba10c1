import { z } from 'zod';
import type { RouteModule } from '../../../platform/context.js';
import { patternAreas, patternEvidence } from './collect-pattern-evidence.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';

const patternQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  area: z.string().trim().min(1).max(40).optional(),
});

export const patternRoutes: RouteModule = (app, ctx) => {
  const legal = { access: { kind: 'permission', permission: 'legal.manage' } } as const;

  app.get('/api/legal/pattern-evidence/areas', {
    config: legal, exposeHeadRoute: false,
    schema: { tags: ['legal'], response: { 200: z.object({ areas: z.array(z.object({ code: z.string(), name: z.string() })) }) } },
  }, async (req) => ({ areas: await patternAreas(ctx, req.actor!) }));

  app.get('/api/legal/pattern-evidence.pdf', {
    config: legal, exposeHeadRoute: false,
    schema: {
      tags: ['legal'], querystring: patternQuery,
      description: 'A factual summary of verified evictions over a period (and area), each figure backed by an annex of records.',
      response: { 200: fileResponse('The PDF bytes') },
    },
  }, async (req, reply) => {
    const { pdf, fileName } = await patternEvidence(ctx, req.actor!, req.query);
    return reply.headers({
      'content-type': 'application/pdf', 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${fileName}"`,
    }).send(pdf);
  });
};
