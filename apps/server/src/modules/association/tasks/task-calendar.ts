import { parisDate } from '@vigie/domain';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../../platform/audit/audit-trail.js';
import { inOrganisation } from '../../../platform/db/organisation-scope.js';
import { translate } from '../../../platform/errors/messages.js';
import { calendarDocument, openCalendarLink } from '../../field/rota/rota-calendar.js';
import { myTasks } from './tasks.service.js';

/**
 * A person's tasks and meeting actions with a due date, as an iCal feed through the shared secret
 * calendar links (one token kind, one table, one iCal writer: rota-calendar.ts), calendar 'tasks'.
 * All-day entries on the due date; UIDs "task-<id>" and "meeting-action-<id>" stay the same, so a
 * calendar app moves an entry rather than adding one. Done items drop out.
 */
export async function renderTaskFeed(ctx: AppContext, token: string, ip: string): Promise<string> {
  const feed = await openCalendarLink(ctx, token, 'tasks');
  const items = await inOrganisation(ctx.db, feed.organisationId, async (trx) => {
    const rows = (await myTasks(trx, feed, parisDate(new Date()))).filter((t) => t.dueOn && t.status !== 'done');
    await recordAudit(trx, {
      organisationId: feed.organisationId, actorId: feed.userId, action: 'task_calendar.read', entityType: 'user', entityId: feed.userId,
      context: { ip, items: rows.length },
    });
    return rows;
  });
  return calendarDocument(translate('task.calendar.name', feed.locale), items.map((t) => {
    const [y, m, d] = t.dueOn!.split('-').map(Number) as [number, number, number];
    const url = `${ctx.config.publicUrl}${t.link?.kind === 'meeting' ? t.link.path : `/association/tasks?pole=${t.pole}`}`;
    return {
      uid: `${t.source === 'task' ? 'task' : 'meeting-action'}-${t.id}@vigie`, start: new Date(y, m - 1, d), allDay: true,
      summary: translate(t.source === 'task' ? 'task.calendar.task' : 'task.calendar.action', feed.locale, { title: t.title }),
      description: [t.notes, t.link && t.link.label ? t.link.label : null, url].filter(Boolean).join('\n\n'),
      url,
    };
  }));
}
