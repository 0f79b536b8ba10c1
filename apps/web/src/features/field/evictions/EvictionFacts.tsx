import { COUNT_FIELDS, type EvictionRowView, type Locale, type Tally } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { formatCount, formatDateTime, formatTime } from '../capture/format';

export type TermLabel = (kind: string, code: string) => string;

const FLAGS = ['bailiff', 'cleaningCompany', 'socialAssessment', 'shelterOffered', 'foodDistribution', 'peopleMovingBack'] as const;

/** Term labels in the reader's language, falling back to the code for a value since removed. */
export function termLabeller(terms: ReadonlyArray<{ kind: string; code: string; labelFr: string; labelEn: string }>, locale: Locale): TermLabel {
  const map = new Map(terms.map((x) => [`${x.kind}:${x.code}`, locale === 'fr' ? x.labelFr : x.labelEn]));
  return (kind, code) => map.get(`${kind}:${code}`) ?? code;
}

/** Everything recorded about one eviction, as read-only facts: the same block in the page, the queue and side-by-side duplicates. */
export function EvictionFacts({ e, term, testId }: { e: EvictionRowView; term: TermLabel; testId?: string }) {
  const t = useT();
  const locale = useLocale();
  const yes = (v: boolean | null) => (v === null ? t('records.eviction.empty') : v ? t('records.eviction.yes') : t('records.eviction.no'));
  const counts = COUNT_FIELDS.filter((f) => e.counts[f]);
  return (
    <div class="record-facts" data-testid={testId}>
      {e.createdByName && <p class="muted">{t('records.eviction.recordedBy', { name: e.createdByName })}</p>}
      <dl class="summary">
        <dt>{t('records.eviction.site')}</dt>
        <dd><a href={`/sites/${e.site.id}`}>{e.site.code} — {e.site.name}</a></dd>
        <dt>{t('field.eviction.arrivedAt')}</dt>
        <dd>{formatDateTime(e.arrivedAt, locale)}{e.leftAt && ` – ${formatTime(e.leftAt, locale)}`}</dd>
        <dt>{t('records.eviction.status')}</dt>
        <dd data-testid="record-status">{t(`field.evictionStatus.${e.status}`)}{e.rejectionReason && ` — ${e.rejectionReason}`}</dd>
        <dt>{t('field.eviction.coverage')}</dt>
        <dd>{t(`field.coverage.${e.coverage}`)}</dd>
        {counts.map((f) => (
          <>
            <dt>{t(`field.counts.${f}`)}</dt>
            <dd>{formatCount(e.counts[f]!, locale)}</dd>
          </>
        ))}
      </dl>
      <h3>{t('records.eviction.items')}</h3>
      {e.seized.length === 0 ? <p class="muted">{t('records.eviction.none')}</p> : <Tallies tallies={e.seized} kind="item_type" term={term} testId="record-seized" />}
      <h3>{t('records.eviction.structures')}</h3>
      {e.destroyed.length === 0 ? <p class="muted">{t('records.eviction.none')}</p> : <Tallies tallies={e.destroyed} kind="structure_type" term={term} testId="record-destroyed" />}
      <h3>{t('records.eviction.forces')}</h3>
      {e.forces.length === 0 ? <p class="muted">{t('records.eviction.none')}</p> : (
        <ul data-testid="record-forces">
          {e.forces.map((f, i) => (
            <li key={i}>
              {term('force_corps', f.corps)}{f.unit && ` (${f.unit})`}
              {f.officers && ` — ${t('records.eviction.officers', { count: f.officers.n })}${f.officers.atLeast ? '+' : ''}`}
              {f.vehicles.length > 0 && ` — ${t('records.eviction.vehicles')} : ${f.vehicles.map((v) => `${v.n} ${term('vehicle_type', v.type)}`).join(', ')}`}
              {f.weapons.length > 0 && ` — ${t('records.eviction.weapons')} : ${f.weapons.join(', ')}`}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('records.eviction.findings')}</h3>
      <dl class="summary">
        <dt>{t('field.interpreter.label')}</dt>
        <dd>{t(`field.interpreter.${e.interpreter}`)}</dd>
        {FLAGS.map((f) => (
          <>
            <dt>{t(`field.flags.${f}`)}</dt>
            <dd>{yes(e[f])}</dd>
          </>
        ))}
      </dl>
      <h3>{t('records.eviction.legal')}</h3>
      <p>{e.legalBasisCategory ? term('legal_basis_category', e.legalBasisCategory) : t('records.eviction.empty')}{e.legalBasisText && ` — « ${e.legalBasisText} »`}</p>
      {e.notes.length > 0 && (
        <>
          <h3>{t('records.eviction.timeline')}</h3>
          <ul>{e.notes.map((n) => <li key={n.id}>{formatTime(n.at, locale)} {n.text}</li>)}</ul>
        </>
      )}
    </div>
  );
}

/** Items with their parts under them ("Tentes : 25", "dont Tentes pleines d'affaires : 7"): the whole already includes its parts. */
function Tallies({ tallies, kind, term, testId }: { tallies: readonly Tally[]; kind: string; term: TermLabel; testId: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul data-testid={testId}>
      {tallies.map((x) => (
        <li key={x.term}>
          {term(kind, x.term)} : {formatCount(x, locale)}
          {(x.parts?.length ?? 0) > 0 && (
            <ul class="tally-parts" data-testid="record-parts">
              {x.parts!.map((p) => <li key={p.term}>{t('records.eviction.part', { label: term(kind, p.term), count: formatCount(p, locale) })}</li>)}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
