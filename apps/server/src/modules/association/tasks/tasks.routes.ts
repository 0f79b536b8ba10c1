import { z } from 'zod';
import { can, TASK_POLES, taskBoardSchema, taskChangeSchema, taskFromActionSchema, taskInputSchema, taskMoveSchema, taskViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { secretCalendarRoutes } from '../../field/rota/rota.routes.js';
import { renderTaskFeed } from './task-calendar.js';
import { boardsOfActions, createTask, editTask, moveTask, myBoard, poleBoard, taskFromAction } from './tasks.service.js';

/**
 * Task boards (issue 19): every member (staff, interns, volunteers) reads and moves the poles'
 * tasks — the legal pole's only with legal.manage — and subscribes a calendar app to their own
 * (the shared secret calendar links, calendar 'tasks').
 */
export const tasksRoutes: RouteModule = (app, ctx) => {
  const member = { access: { kind: 'permission', permission: 'dashboard.view' } } as const;
  const tags = ['house'];

  app.get('/api/association/tasks', {
    config: member, schema: { tags, querystring: z.object({ pole: z.enum(TASK_POLES) }), response: { 200: taskBoardSchema } },
  }, async (req) => poleBoard(ctx, req.actor!, req.query.pole));

  app.get('/api/association/tasks/mine', {
    config: member,
    schema: { tags, description: "The person's tasks on every board, with the meeting actions they own.", response: { 200: taskBoardSchema } },
  }, async (req) => myBoard(ctx, req.actor!));

  app.post('/api/association/tasks', {
    config: member, schema: { tags, body: taskInputSchema, response: { 200: taskViewSchema } },
  }, async (req) => createTask(ctx, req.actor!, req.body, req.ip));

  app.post('/api/association/tasks/:id/status', {
    config: member, schema: { tags, params: z.object({ id: z.uuid() }), body: taskMoveSchema, response: { 200: taskViewSchema } },
  }, async (req) => moveTask(ctx, req.actor!, req.params.id, req.body.status, req.ip));

  app.patch('/api/association/tasks/:id', {
    config: member,
    schema: {
      tags, params: z.object({ id: z.uuid() }), body: taskChangeSchema, response: { 200: taskViewSchema },
      description: 'Title, description, assignee, due date or column; only the fields sent change.',
    },
  }, async (req) => editTask(ctx, req.actor!, req.params.id, req.body, req.ip));

  app.post('/api/association/tasks/from-action', {
    config: member,
    schema: {
      tags, body: taskFromActionSchema, response: { 200: taskViewSchema },
      description: 'A meeting action put on a pole\'s board (once), linked back to its decision; meetings.manage or the action\'s owner.',
    },
  }, async (req) => taskFromAction(ctx, req.actor!, req.body, can(req.actor!.roles, 'meetings.manage'), req.ip));

  app.get('/api/association/tasks/of-actions', {
    config: member,
    schema: {
      tags, querystring: z.object({ ids: z.string().max(7400).regex(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}(,[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12})*$/i, 'ids: meeting action ids, comma-separated') }),
      response: { 200: z.object({ tasks: z.array(z.object({ actionId: z.uuid(), taskId: z.uuid(), pole: z.enum(TASK_POLES) })) }) },
    },
  }, async (req) => boardsOfActions(ctx, req.actor!, req.query.ids.split(',')));

  secretCalendarRoutes(app, ctx, { base: '/api/association/tasks', access: member, tags, calendar: 'tasks', render: renderTaskFeed });
};
