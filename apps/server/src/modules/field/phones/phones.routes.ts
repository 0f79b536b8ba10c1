import { z } from 'zod';
import {
  deviceRegistrationSchema, deviceStatusSchema, deviceViewSchema, observerAreasSchema, observerAreasViewSchema, phoneSettingsSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import {
  deviceStatus, devicesOf, observerAreas, phoneSettingsOf, registerDevice, revokeDeviceById, savePhoneSettings, setObserverAreas,
} from './phones.service.js';

/** Coordinators decide what phones hold and can revoke one; observers register and check their own phone. */
export const phonesRoutes: RouteModule = (app, ctx) => {
  const record = { access: { kind: 'permission', permission: 'field.record' } } as const;
  const manage = { access: { kind: 'permission', permission: 'field.verify' } } as const;
  const idParams = z.object({ id: z.uuid() });
  const devices = z.object({ devices: z.array(deviceViewSchema) });

  app.get('/api/field/phone-settings', { config: record, schema: { tags: ['field'], response: { 200: phoneSettingsSchema } } },
    async (req) => phoneSettingsOf(ctx, req.actor!));
  app.put('/api/field/phone-settings', { config: manage, schema: { tags: ['field'], body: phoneSettingsSchema, response: { 200: phoneSettingsSchema } } },
    async (req) => savePhoneSettings(ctx, req.actor!, req.body));

  app.get('/api/field/observer-areas', { config: manage, schema: { tags: ['field'], response: { 200: observerAreasViewSchema } } },
    async (req) => observerAreas(ctx, req.actor!));
  app.put('/api/field/observer-areas/:userId', {
    config: manage,
    schema: { tags: ['field'], params: z.object({ userId: z.uuid() }), body: observerAreasSchema, response: { 200: observerAreasSchema } },
  }, async (req) => setObserverAreas(ctx, req.actor!, req.params.userId, req.body.areaIds));

  app.post('/api/field/devices', { config: record, schema: { tags: ['field'], body: deviceRegistrationSchema, response: { 200: deviceStatusSchema } } },
    async (req) => registerDevice(ctx, req.actor!, req.body));
  app.get('/api/field/devices/:id/status', {
    config: record,
    schema: {
      tags: ['field'], params: idParams,
      // The phone tells what it still holds unsent (records, photos): a phone is not checked in while it holds any.
      querystring: z.object({
        wiped: z.enum(['1']).optional(),
        pendingRecords: z.coerce.number().int().min(0).max(1_000_000).optional(),
        pendingMedia: z.coerce.number().int().min(0).max(1_000_000).optional(),
      }),
      response: { 200: deviceStatusSchema },
    },
  }, async (req) => {
    const { pendingRecords, pendingMedia } = req.query;
    const pending = pendingRecords === undefined && pendingMedia === undefined ? null : { records: pendingRecords ?? 0, media: pendingMedia ?? 0 };
    return deviceStatus(ctx, req.actor!, req.params.id, req.query.wiped === '1', pending);
  });
  app.get('/api/field/devices', { config: manage, schema: { tags: ['field'], response: { 200: devices } } }, async (req) => devicesOf(ctx, req.actor!));
  app.post('/api/field/devices/:id/revoke', { config: manage, schema: { tags: ['field'], params: idParams, response: { 200: devices } } },
    async (req) => revokeDeviceById(ctx, req.actor!, req.params.id));
};
