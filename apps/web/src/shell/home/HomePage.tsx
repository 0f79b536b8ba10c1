import { useReviewCounts } from '../../features/field/evictions/useReviewCounts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { hasPermission, useUser } from '../../features/identity/auth/session';
import { Screen } from '../Screen';
import { BoardHome } from './BoardHome';
import { CommsHome } from './CommsHome';
import { LegalHome } from './LegalHome';
import { HomeCard } from './HomeCard';
import { RotaHome } from './RotaHome';

/**
 * Each role's home shows its work: coordinators what waits for review, the legal pole the
 * deadlines, comms the publications and what is due, the board what was published and the
 * association, volunteers their next shifts and the truth about what Vigie does for them. Observers never land here:
 * "/" sends them to the field screen (app.tsx).
 */
export function HomePage() {
  const t = useT();
  const user = useUser();
  const can = (p: Parameters<typeof hasPermission>[1]) => hasPermission(user, p);
  const onlyVolunteer = user.role === 'volunteer';
  return (
    <Screen title={t('dashboard.title')}>
      <p class="lead">{t('dashboard.welcome', { name: user.displayName })}</p>
      <p>{t('dashboard.role', { organisation: user.organisationName, role: t(`roles.${user.role}`) })}</p>
      <div class="home-grid" data-testid={`home-role-${user.role}`}>
        {can('rota.signup') && <RotaHome />}
        {can('field.verify') && <ReviewHome />}
        {can('legal.manage') && <LegalHome />}
        {can('comms.publish') && <CommsHome />}
        {can('association.manage') && !can('field.verify') && <BoardHome />}
        {can('stats.view') && (
          <HomeCard title={t('office.home.statistics')} testId="home-statistics">
            <p>{t('office.home.statisticsLead')}</p>
            <p><a href="/statistics">{t('office.home.openStatistics')}</a></p>
          </HomeCard>
        )}
        {(can('users.manage') || can('organisation.manage')) && (
          <HomeCard title={t('office.home.admin.title')} testId="home-admin">
            <p>{t('office.home.admin.lead')}</p>
            <p><a href="/admin/users">{t('office.home.admin.open')}</a></p>
          </HomeCard>
        )}
        {onlyVolunteer && (
          <HomeCard title={t('office.home.volunteer.title')} testId="home-volunteer">
            <p>{t('office.home.volunteer.text')}</p>
          </HomeCard>
        )}
      </div>
    </Screen>
  );
}

function ReviewHome() {
  const t = useT();
  const counts = useReviewCounts('/');
  return (
    <HomeCard title={t('office.home.review.title')} testId="home-review">
      {counts && (
        <>
          <p data-testid="home-review-waiting">
            {counts.submitted === 0 ? t('office.home.review.none') : t('office.home.review.waiting', { count: counts.submitted })}
          </p>
          {counts.rejectedRecently > 0 && <p>{t('office.home.review.rejected', { count: counts.rejectedRecently })}</p>}
        </>
      )}
      <p><a href="/review">{t('office.home.review.open')}</a> · <a href="/incidents" data-testid="home-outside-incidents">{t('records.incident.list.title')}</a></p>
    </HomeCard>
  );
}
