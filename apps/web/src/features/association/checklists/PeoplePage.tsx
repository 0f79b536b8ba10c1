import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { checklistsApi, type HousePerson } from './checklistsApi';

/** The organisation's people, each linking to their arrival and departure checklists. */
export function PeoplePage() {
  const t = useT();
  const [people, setPeople] = useState<HousePerson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { checklistsApi.people().then(setPeople, (e) => setError(errorMessage(e))); }, []);
  return (
    <Screen title={t('association.checklists.title')}>
      <p><a href="/association">{t('association.back')}</a></p>
      <p>{t('association.checklists.intro')}</p>
      <FormError message={error} />
      <ul class="cards">
        {people?.map((p) => <li key={p.id} class="card"><a href={`/association/people/${p.id}`}>{p.displayName}</a></li>)}
      </ul>
    </Screen>
  );
}
