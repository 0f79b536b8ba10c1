import { z } from 'zod';
import { PERMISSION_TABLE, PERMISSIONS, ROLES, permissionSchema, roleSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';

/** The permission table itself, so the admin screen shows exactly what the server enforces. */
export const rolesRoutes: RouteModule = (app) => {
  app.get('/api/roles', {
    config: { access: { kind: 'signed-in' } },
    schema: {
      tags: ['users'],
      response: { 200: z.object({ roles: z.array(roleSchema), permissions: z.array(permissionSchema), table: z.record(roleSchema, z.array(permissionSchema)) }) },
    },
  }, async () => ({ roles: [...ROLES], permissions: [...PERMISSIONS], table: Object.fromEntries(ROLES.map((r) => [r, [...PERMISSION_TABLE[r]]])) as Record<(typeof ROLES)[number], (typeof PERMISSIONS)[number][]> }));
};
