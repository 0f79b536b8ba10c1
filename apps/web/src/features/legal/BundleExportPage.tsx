import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, errorMessage, requestFile } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { Screen } from '../../shell/Screen';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { FormError, StatusMessage } from '../../ui/FormError';
import { SelectField } from '../../ui/SelectField';
import { legalApi, type LegalCaseSummaryView } from './legalApi';
import { saveFile } from './saveBundleFile';

/** What the page shows of a piece of evidence; the server's evidence view has more. */
type Evidence = { id: string; originalName: string; kind: string; status: string; capturedAt: string | null; sha256Received: string | null };

async function evidenceOfEviction(evictionId: string): Promise<Evidence[]> {
  return (await api.get<{ evidence: Evidence[] }>(`/api/evictions/${evictionId}/evidence`)).evidence;
}

/** The evidence a case relies on: files linked directly and the files of its linked evictions. */
async function evidenceOfCase(caseId: string): Promise<Evidence[]> {
  const found = await legalApi.get(caseId);
  const lists = await Promise.all(found.links.filter((l) => l.target === 'eviction').map((l) => evidenceOfEviction(l.targetId)));
  const direct = new Set(found.links.filter((l) => l.target === 'evidence').map((l) => l.targetId));
  const all = new Map<string, Evidence>();
  for (const e of lists.flat()) all.set(e.id, e);
  for (const id of direct) {
    if (all.has(id)) continue;
    const one = await api.get<{ evidence: Evidence }>(`/api/evidence/${id}`).catch(() => null);
    if (one) all.set(id, one.evidence);
  }
  return [...all.values()];
}

/**
 * "Exporter un dossier de preuves": pick a case (or arrive from an eviction with ?eviction=),
 * tick the files, download the signed ZIP. The public key is shown for lawyers to pass on.
 */
export function BundleExportPage() {
  const t = useT();
  const locale = useLocale();
  const { query } = useLocation();
  const [cases, setCases] = useState<LegalCaseSummaryView[]>([]);
  const [caseId, setCaseId] = useState(query.case ?? '');
  const [evidence, setEvidence] = useState<Evidence[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [key, setKey] = useState<{ fingerprint: string; publicKeyPem: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    legalApi.cases().then(setCases, (e) => setError(errorMessage(e)));
    api.get<{ fingerprint: string; publicKeyPem: string }>('/api/legal/bundles/public-key').then(setKey, () => {});
  }, []);
  useEffect(() => {
    const load = caseId ? evidenceOfCase(caseId) : query.eviction ? evidenceOfEviction(query.eviction) : null;
    if (!load) { setEvidence(null); return; }
    load.then((list) => {
      const stored = list.filter((e) => e.status === 'stored');
      setEvidence(stored);
      setChosen(new Set(stored.map((e) => e.id)));
    }, (e) => setError(errorMessage(e)));
  }, [caseId, query.eviction]);

  async function exportBundle(body: Record<string, unknown>) {
    setBusy(true); setError(null); setStatus(null);
    try {
      const { blob, fileName } = await requestFile('POST', '/api/legal/bundles', body);
      const name = fileName ?? 'dossier-preuves.zip';
      saveFile(blob, name);
      setStatus(t('legalEvidence.bundle.done', { name }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (id: string, on: boolean) => setChosen((prev) => {
    const next = new Set(prev);
    if (on) next.add(id); else next.delete(id);
    return next;
  });

  return (
    <Screen title={t('legalEvidence.bundle.title')}>
      <p>{t('legalEvidence.bundle.intro')}</p>
      <SelectField label={t('legalEvidence.bundle.case')} value={caseId} onValue={setCaseId}
        options={[{ value: '', label: t('legalEvidence.bundle.noCase') }, ...cases.map((c) => ({ value: c.id, label: c.title }))]} />
      {caseId && (
        <p><Button variant="secondary" busy={busy} onClick={() => exportBundle({ caseId })} testId="bundle-whole-case">{t('legalEvidence.bundle.wholeCase')}</Button></p>
      )}
      {evidence && (
        <fieldset class="bundle-evidence" data-testid="bundle-evidence">
          <legend>{t('legalEvidence.bundle.pick')}</legend>
          {evidence.length === 0 && <p>{t('legalEvidence.bundle.none')}</p>}
          {evidence.map((e) => (
            <Checkbox key={e.id} checked={chosen.has(e.id)} onChecked={(on) => toggle(e.id, on)}
              label={`${e.originalName}${e.capturedAt ? ` — ${t('legalEvidence.bundle.captured', { date: new Date(e.capturedAt).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris' }) })}` : ''}`} />
          ))}
        </fieldset>
      )}
      <FormError message={error} />
      <StatusMessage message={status} />
      <p>
        <Button busy={busy} disabled={chosen.size === 0} onClick={() => exportBundle({ evidenceIds: [...chosen] })} testId="bundle-export">
          {busy ? t('legalEvidence.bundle.exporting') : t('legalEvidence.bundle.export')}
        </Button>
      </p>
      {key && (
        <section>
          <h2>{t('legalEvidence.bundle.publicKey')}</h2>
          <p>{t('legalEvidence.bundle.fingerprint', { fingerprint: key.fingerprint })}</p>
          <p><a href={`data:application/x-pem-file;charset=utf-8,${encodeURIComponent(key.publicKeyPem)}`} download="vigie-public-key.pem">{t('legalEvidence.bundle.downloadKey')}</a></p>
        </section>
      )}
    </Screen>
  );
}

