import { z } from 'zod';
import type { RouteModule } from '../../../platform/context.js';
import { BUNDLE_MAX_FILES, buildEvidenceBundle, bundleSigningKey } from './build-evidence-bundle.js';
import { fileResponse } from '../../../platform/http/raw-bytes.js';

/** Evidence bundles for the legal pole: a signed ZIP of originals, and the key to check it with. */
const bundleBody = z.strictObject({
  evidenceIds: z.array(z.uuid()).max(BUNDLE_MAX_FILES).optional(),
  caseId: z.uuid().optional(),
});

export const bundlesRoutes: RouteModule = (app, ctx) => {
  const legal = { access: { kind: 'permission', permission: 'legal.manage' } } as const;

  app.post('/api/legal/bundles', {
    config: legal,
    schema: {
      tags: ['legal'], body: bundleBody,
      description: 'Exports the chosen evidence (or all of a case\'s) as a signed ZIP: originals, manifest.json, manifest.sig, manifest.pdf, public-key.pem.',
      response: { 200: fileResponse('The ZIP bytes') },
    },
  }, async (req, reply) => {
    const bundle = await buildEvidenceBundle(ctx, req.actor!.organisationId, {
      evidenceIds: req.body.evidenceIds, caseId: req.body.caseId, requestedBy: req.actor!.userId, ip: req.ip,
    });
    return reply.headers({
      'content-type': 'application/zip', 'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${bundle.fileName}"`,
      'x-bundle-id': bundle.bundleId, 'x-manifest-sha256': bundle.manifestSha256,
    }).send(bundle.stream);
  });

  app.get('/api/legal/bundles/public-key', {
    config: legal, exposeHeadRoute: false,
    schema: {
      tags: ['legal'],
      response: { 200: z.object({ algorithm: z.literal('Ed25519'), fingerprint: z.string(), publicKeyPem: z.string() }) },
    },
  }, async () => {
    const key = bundleSigningKey(ctx);
    return { algorithm: 'Ed25519' as const, fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem };
  });
};
