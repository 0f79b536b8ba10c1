import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { checklistsApi, type PeopleState, type PersonListItem } from './checklistsApi';

const STATES: PeopleState[] = ['active', 'former'];

/** The organisation's people (active accounts, or the former ones), each linking to their arrival and departure checklists. */
export function PeoplePage() {
  const t = useT();
  const [state, setState] = useState<PeopleState>('active');
  const [people, setPeople] = useState<PersonListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setPeople(null); checklistsApi.people(state).then(setPeople, (e) => setError(errorMessage(e))); }, [state]);
  return (
    <Screen title={t('association.checklists.title')}>
      <p><a href="/association">{t('association.back')}</a></p>
      <p>{t('association.checklists.intro')}</p>
      <p><a href="/association/checklist-templates" data-testid="checklist-templates-link">{t('association.checklists.templatesLink')}</a></p>
      <div class="segmented" role="group" aria-label={t('association.checklists.filter')}>
        {STATES.map((s) => (
          <button key={s} type="button" class={`btn btn-small ${s === state ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={s === state}
            onClick={() => setState(s)} data-testid={`people-filter-${s}`}>
            {t(`association.checklists.state.${s}`)}
          </button>
        ))}
      </div>
      <FormError message={error} />
      {people && people.length === 0 && <p class="muted">{t('association.checklists.nobody')}</p>}
      <ul class="cards">
        {people?.map((p) => <li key={p.id} class="card"><a href={`/association/people/${p.id}`}>{p.displayName}</a></li>)}
      </ul>
    </Screen>
  );
}
