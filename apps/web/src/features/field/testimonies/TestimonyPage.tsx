import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { CONSENT_PURPOSES, formatDate, formatDateTime, isRightToLeft } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { FormError } from '../../../ui/FormError';
import { testimoniesApi, type TestimonyView } from './testimoniesApi';
import './testimonies.css';

/** One testimony: its account, current consents and their full history (each read is audited by the server). */
export function TestimonyPage() {
  const t = useT();
  const locale = useLocale();
  const { params } = useRoute();
  const [x, setX] = useState<TestimonyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { testimoniesApi.get(params.id!).then(setX, (e) => setError(errorMessage(e))); }, [params.id]);
  const answer = (granted: boolean) => t(granted ? 'testimonies.view.yes' : 'testimonies.view.no');
  return (
    <Screen title={x ? x.pseudonym : t('testimonies.title')} narrow>
      <p><a href="/testimonies">{t('testimonies.back')}</a></p>
      <FormError message={error} />
      {x && (
        <>
          <p data-testid="testimony-status">{t(`testimonies.status.${x.status}`)} · {t(`testimonies.languages.${x.language}`)}</p>
          <p>{t('testimonies.view.taken', { date: formatDate(x.givenOn, locale), name: x.createdByName })}</p>
          <h2>{t('testimonies.view.consents')}</h2>
          <ul data-testid="testimony-consents">
            {CONSENT_PURPOSES.map((p) => <li key={p}>{t('testimonies.view.consentLine', { purpose: t(`testimonies.purposes.${p}`), answer: answer(x.consents[p]) })}</li>)}
          </ul>
          <h2>{t('testimonies.view.account')}</h2>
          {x.account === null ? <p>{t('testimonies.view.erased')}</p> : (
            <p lang={x.language} dir="auto" style={{ whiteSpace: 'pre-wrap' }}>{x.account}</p>
          )}
          {x.quote && (<><h2>{t('testimonies.view.quote')}</h2><blockquote dir={isRightToLeft(x.language) ? 'auto' : 'ltr'}>{x.quote}</blockquote></>)}
          {x.links.length > 0 && (
            <>
              <h2>{t('testimonies.view.links')}</h2>
              <ul>{x.links.map((l) => (
                <li key={l.targetId}>{t(`testimonies.view.${l.target}`)} — {l.target === 'eviction' ? <a href={`/evictions/${l.targetId}`}>{l.label}</a> : l.label}</li>
              ))}</ul>
            </>
          )}
          <h2>{t('testimonies.view.history')}</h2>
          <ul>
            {x.history.map((h, i) => (
              <li key={i}>{t('testimonies.view.entry', {
                purpose: t(`testimonies.purposes.${h.purpose}`), answer: answer(h.granted), at: formatDateTime(h.at, locale),
                who: h.via === 'code' ? (h.recordedByName ? t('testimonies.view.byStaffCode', { name: h.recordedByName }) : t('testimonies.view.byCode')) : (h.recordedByName ?? ''),
                version: h.textVersion ? t('testimonies.view.versionSuffix', { version: h.textVersion, language: t(`testimonies.languages.${h.shownIn as 'fr'}`) }) : '',
              })}</li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}
