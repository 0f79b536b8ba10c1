import { useT } from '../../i18n';
import { Screen } from '../../shell/Screen';
import { hasPermission, useUser } from '../identity/auth/session';

/** "Vie associative": the association's tools, each shown to those who may use it. */
export function AssociationPage() {
  const t = useT();
  const me = useUser();
  return (
    <Screen title={t('poles.association.title')}>
      {hasPermission(me, 'recruitment.manage') ? (
        <section class="card" aria-labelledby="association-recruitment">
          <h2 id="association-recruitment">{t('association.recruitment.title')}</h2>
          <p>{t('association.recruitment.text')}</p>
          <p><a href="/association/postings" data-testid="association-postings">{t('association.postings.title')}</a></p>
        </section>
      ) : (
        <p>{t('poles.association.text')}</p>
      )}
      <section class="card" aria-labelledby="association-meetings">
        <h2 id="association-meetings">{t('meetings.title')}</h2>
        <p>{t('meetings.intro')}</p>
        <p>
          <a href="/association/meetings">{t('meetings.list')}</a> · <a href="/association/decisions">{t('meetings.decisions.title')}</a> ·{' '}
          <a href="/association/tasks" data-testid="association-tasks">{t('taskBoard.title')}</a> · <a href="/association/vehicles">{t('vehicles.title')}</a> ·{' '}
          <a href="/association/availability" data-testid="association-my-availability">{t('availability.link')}</a>
        </p>
      </section>
      {hasPermission(me, 'association.manage') && (
        <section class="card" aria-labelledby="association-members">
          <h2 id="association-members">{t('members.title')}</h2>
          <p>{t('members.intro')}</p>
          <p>
            <a href="/association/members" data-testid="association-members">{t('members.link')}</a> ·{' '}
            <a href="/association/people" data-testid="association-people">{t('association.checklists.link')}</a> ·{' '}
            <a href="/association/internships" data-testid="association-internships">{t('association.internships.link')}</a> ·{' '}
            <a href="/association/availability/week" data-testid="association-availability-week">{t('availability.week.link')}</a>
          </p>
        </section>
      )}
      {hasPermission(me, 'house.manage') && (
        <section class="card" aria-labelledby="association-house">
          <h2 id="association-house">{t('house.title')}</h2>
          <p>{t('house.intro')}</p>
          <p>
            <a href="/association/equipment" data-testid="association-equipment">{t('house.inventory.title')}</a> ·{' '}
            <a href="/association/equipment/lend">{t('house.lend.title')}</a> ·{' '}
            <a href="/association/stays" data-testid="association-stays">{t('stays.title')}</a>
          </p>
        </section>
      )}
    </Screen>
  );
}
