import { z } from 'zod';
import { TASK_POLES, taskBoardSchema, taskInputSchema, taskMoveSchema, taskViewSchema } from '@vigie/domain';
import type { RouteModule } from '../../../platform/context.js';
import { secretCalendarRoutes } from '../../field/rota/rota.routes.js';
import { renderTaskFeed } from './task-calendar.js';
import { createTask, moveTask, myBoard, poleBoard } from './tasks.service.js';

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

  secretCalendarRoutes(app, ctx, { base: '/api/association/tasks', access: member, tags, calendar: 'tasks', render: renderTaskFeed });
};
