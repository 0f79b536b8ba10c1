import { z } from 'zod';
import type { RouteModule } from '../../../platform/context.js';
import { writeWitnessStatement } from './write-witness-statement.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';

const isoDay = z.iso.date();
const line = (max: number) => z.string().trim().min(1).max(max);

/**
 * What the observer types: their identity as it must appear on the form, and their account; and
 * what they saw: an eviction, or an incident outside any eviction (exactly one of the two).
 */
const statementBody = z.strictObject({
  evictionId: z.uuid().optional(),
  incidentId: z.uuid().optional(),
  witness: z.strictObject({
    lastName: line(100), firstName: line(100), birthDate: isoDay, birthPlace: line(120), address: line(300), occupation: line(120),
  }),
  relationToParties: line(500).default('Aucun'),
  account: line(20_000),
  place: line(120),
  date: isoDay.optional(),
}).refine((b) => (b.evictionId === undefined) !== (b.incidentId === undefined), {
  path: ['evictionId'], message: 'Choose the eviction or the incident the statement is about (one of the two).',
});

export const witnessRoutes: RouteModule = (app, ctx) => {
  // Observers who were there and the legal pole: checked in the service (either permission).
  const signedIn = { access: { kind: 'signed-in' } } as const;

  app.post('/api/legal/witness-statements', {
    config: signedIn,
    schema: {
      tags: ['legal'], body: statementBody,
      description: 'A pre-filled witness statement (CERFA 11527*03 content) about an eviction or an incident outside an eviction, as a PDF. The identity given is not stored.',
      response: { 200: fileResponse('The PDF bytes') },
    },
  }, async (req, reply) => {
    const { pdf, fileName } = await writeWitnessStatement(ctx, req.actor!, req.body, req.ip);
    return reply.headers({
      'content-type': 'application/pdf', 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${fileName}"`,
    }).send(pdf);
  });
};
