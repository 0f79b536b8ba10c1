import { z } from 'zod';
import {
  can, driverAnswerSchema, driverQuerySchema, tripCorrectionSchema, tripEndSchema, tripStartSchema, tripViewSchema, vehicleBookingChangeSchema,
  vehicleBookingInputSchema, vehicleBookingViewSchema, vehiclePapersInputSchema, vehicleViewSchema,
} from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import {
  bookVehicle, cancelVehicleBooking, changeVehicleBooking, correctVehicleTrip, endTrip, listVehicles, logbook, setPapers, startTrip, vehicleCalendar, whoWasDriving,
} from './vehicles.service.js';

const idParams = z.object({ id: z.uuid() });
const vehicles = z.object({ vehicles: z.array(vehicleViewSchema) });

/**
 * Vehicles (issue 19): every member books a car and writes the logbook (volunteers drive too);
 * the papers and the driver question (who drove at a given moment, for a fine) are for those
 * who keep the house.
 */
export const vehiclesRoutes: RouteModule = (app, ctx) => {
  const member = { access: { kind: 'permission', permission: 'dashboard.view' } } as const;
  const manage = { access: { kind: 'permission', permission: 'house.manage' } } as const;
  const tags = ['house'];

  app.get('/api/association/vehicles', {
    config: member,
    schema: {
      tags, querystring: z.object({ retired: z.enum(['1']).optional() }), response: { 200: vehicles },
      description: 'The vehicles in service (the booking picker); with retired=1 and house.manage, retired and lost ones too (the driver question).',
    },
  }, async (req) => listVehicles(ctx, req.actor!, req.query.retired === '1' && can(req.actor!.roles, 'house.manage')));

  app.put('/api/association/vehicles/:id/papers', {
    config: manage, schema: { tags, params: idParams, body: vehiclePapersInputSchema, response: { 200: vehicles } },
  }, async (req) => setPapers(ctx, req.actor!, req.params.id, req.body, req.ip));

  app.get('/api/association/vehicle-bookings', {
    config: member,
    schema: {
      tags, querystring: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
      response: { 200: z.object({ bookings: z.array(vehicleBookingViewSchema) }) },
    },
  }, async (req) => vehicleCalendar(ctx, req.actor!, req.query.from, req.query.to));

  app.post('/api/association/vehicle-bookings', {
    config: member, schema: { tags, body: vehicleBookingInputSchema, response: { 200: vehicleBookingViewSchema } },
  }, async (req) => bookVehicle(ctx, req.actor!, req.body, req.ip));

  app.patch('/api/association/vehicle-bookings/:id', {
    config: member, schema: { tags, params: idParams, body: vehicleBookingChangeSchema, response: { 200: vehicleBookingViewSchema } },
  }, async (req) => changeVehicleBooking(ctx, req.actor!, req.params.id, req.body, can(req.actor!.roles, 'house.manage'), req.ip));

  app.delete('/api/association/vehicle-bookings/:id', {
    config: member, schema: { tags, params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await cancelVehicleBooking(ctx, req.actor!, req.params.id, can(req.actor!.roles, 'house.manage'), req.ip);
    return reply.status(204).send(null);
  });

  app.get('/api/association/vehicle-trips', {
    config: member,
    schema: { tags, querystring: z.object({ itemId: z.uuid().optional() }), response: { 200: z.object({ trips: z.array(tripViewSchema) }) } },
  }, async (req) => logbook(ctx, req.actor!, req.query.itemId));

  app.post('/api/association/vehicle-trips', {
    config: member, schema: { tags, body: tripStartSchema, response: { 200: tripViewSchema } },
  }, async (req) => startTrip(ctx, req.actor!, req.body, req.ip));

  app.post('/api/association/vehicle-trips/:id/end', {
    config: member, schema: { tags, params: idParams, body: tripEndSchema, response: { 200: tripViewSchema } },
  }, async (req) => endTrip(ctx, req.actor!, req.params.id, req.body, can(req.actor!.roles, 'house.manage'), req.ip));

  app.put('/api/association/vehicle-trips/:id', {
    config: member,
    schema: {
      tags, params: idParams, body: tripCorrectionSchema, response: { 200: tripViewSchema },
      description: 'A trip corrected by its driver or a house manager, with a reason; what it read before stays in its corrections.',
    },
  }, async (req) => correctVehicleTrip(ctx, req.actor!, req.params.id, req.body, can(req.actor!.roles, 'house.manage'), req.ip));

  app.post('/api/association/vehicles/driver-question', {
    config: manage,
    schema: {
      tags, body: driverQuerySchema, response: { 200: driverAnswerSchema },
      description: 'Who was driving this vehicle at this moment (a traffic fine): the logbook, else the booking. Audited.',
    },
  }, async (req) => whoWasDriving(ctx, req.actor!, req.body.itemId, req.body.at, req.ip));
};
