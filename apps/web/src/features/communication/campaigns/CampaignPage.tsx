import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { PressReleaseStatus } from '@vigie/domain/rules';
import { errorMessage } from '../../../api/client';
import { useLocale, useT } from '../../../i18n';
import { Screen } from '../../../shell/Screen';
import { Button } from '../../../ui/Button';
import { FormError } from '../../../ui/FormError';
import { SelectField } from '../../../ui/SelectField';
import { TextField } from '../../../ui/TextField';
import { useUser } from '../../identity/auth/session';
import { pressApi, type PressReleaseSummaryView } from '../press-releases/pressReleasesApi';
import { CampaignForm } from './CampaignsPage';
import { NETWORK_NAMES, PostComposer } from './PostComposer';
import { EventForm } from './EventForm';
import { campaignsApi, type CampaignView, type EventView, type PostBody, type PostView } from './campaignsApi';
import './campaigns.css';

type Place = 'page' | 'posts' | 'events';

const when = (iso: string | null, locale: string) => (iso
  ? new Date(iso).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', dateStyle: 'medium', timeStyle: 'short' })
  : null);

/** One campaign: what it is for, its press releases, posts (drafted, approved, published) and events. */
export function CampaignPage() {
  const t = useT();
  const { params } = useRoute();
  const id = params.id!;
  const [campaign, setCampaign] = useState<CampaignView | null>(null);
  const [releases, setReleases] = useState<PressReleaseSummaryView[]>([]);
  // A refusal is shown where the person acted (a long page on a phone): the page, the posts, the events.
  const [error, setError] = useState<{ at: Place; message: string } | null>(null);
  const [editing, setEditing] = useState(false);
  const [releaseId, setReleaseId] = useState('');
  const [drafts, setDrafts] = useState(0);
  const [newEvents, setNewEvents] = useState(0);
  const load = () => campaignsApi.get(id).then(setCampaign, (e) => setError({ at: 'page', message: errorMessage(e) }));
  useEffect(() => { void load(); pressApi.list().then(setReleases, () => {}); }, [id]);
  const run = async (work: () => Promise<unknown>, at: Place = 'page') => {
    setError(null);
    try { await work(); await load(); return true; } catch (e) { setError({ at, message: errorMessage(e) }); return false; }
  };
  const errorAt = (at: Place) => <FormError message={error?.at === at ? error.message : null} />;
  if (!campaign) return <Screen title={t('campaigns.title')}>{errorAt('page')}</Screen>;
  const linked = new Set(campaign.pressReleases.map((r) => r.id));
  return (
    <Screen title={campaign.name}>
      <p><a href="/communication/campaigns">{t('campaigns.back')}</a> · <a href={`/communication/calendar?campaign=${campaign.id}`}>{t('campaigns.calendar.ofCampaign')}</a></p>
      {errorAt('page')}
      <section class="card" aria-labelledby="campaign-about">
        <h2 id="campaign-about">{t('campaigns.about')}</h2>
        <p>{t('campaigns.period', { from: campaign.startsOn, to: campaign.endsOn })}</p>
        {campaign.objectives && <p class="campaign-objectives">{campaign.objectives}</p>}
        {campaign.keyMessages.length > 0 && <ul>{campaign.keyMessages.map((m) => <li key={m}>{m}</li>)}</ul>}
        <p>{campaign.targets.map((x) => <span key={x} class="chip">{t(`campaigns.targets.${x}`)}</span>)}</p>
        {!editing && <Button variant="secondary" onClick={() => setEditing(true)}>{t('campaigns.edit')}</Button>}
        {editing && (
          <CampaignForm initial={campaign} submitLabel={t('campaigns.save')}
            onSubmit={async (b) => { if (await run(() => campaignsApi.edit(id, b))) setEditing(false); }} />
        )}
      </section>

      <section aria-labelledby="campaign-releases">
        <h2 id="campaign-releases">{t('campaigns.releases')}</h2>
        <ul class="rows">
          {campaign.pressReleases.map((r) => (
            <li key={r.id} class="row">
              <a href={`/communication/press-releases/${r.id}`}><strong>{r.title}</strong></a>
              <span class="chip">{t(`press.status.${r.status as PressReleaseStatus}`)}</span>
              <Button variant="link" onClick={() => run(() => campaignsApi.removeRelease(id, r.id))}>{t('campaigns.unlink')}</Button>
            </li>
          ))}
        </ul>
        <form class="inline-form" onSubmit={(e) => { e.preventDefault(); if (releaseId) void run(() => campaignsApi.addRelease(id, releaseId)); }}>
          <SelectField label={t('campaigns.addRelease')} value={releaseId} onValue={setReleaseId}
            options={[{ value: '', label: '—' }, ...releases.filter((r) => !linked.has(r.id)).map((r) => ({ value: r.id, label: r.title }))]} />
          <Button type="submit" variant="secondary">{t('campaigns.link')}</Button>
        </form>
      </section>

      <section aria-labelledby="campaign-posts">
        <h2 id="campaign-posts">{t('campaigns.posts')}</h2>
        {errorAt('posts')}
        <ul class="rows" data-testid="post-list">
          {campaign.posts.map((p) => <PostItem key={p.id} post={p} campaignId={id} run={(w) => run(w, 'posts')} />)}
        </ul>
        <details class="card">
          <summary data-testid="post-new">{t('campaigns.post.new')}</summary>
          <PostComposer key={drafts} campaignId={id} submitLabel={t('campaigns.post.create')}
            onSubmit={async (b) => { if (await run(() => campaignsApi.createPost(b), 'posts')) setDrafts(drafts + 1); }} />
        </details>
      </section>

      <section aria-labelledby="campaign-events">
        <h2 id="campaign-events">{t('campaigns.events')}</h2>
        {errorAt('events')}
        <ul class="rows" data-testid="event-list">
          {campaign.events.map((e) => <EventItem key={e.id} event={e} campaignId={id} reload={load} run={(w) => run(w, 'events')} />)}
        </ul>
        <details class="card">
          <summary>{t('campaigns.event.new')}</summary>
          {/* The form shows the server's refusals beside its fields, so it calls the server itself. */}
          <EventForm key={newEvents} campaignId={id} submitLabel={t('campaigns.event.create')}
            onSubmit={async (b) => { await campaignsApi.createEvent(b); setNewEvents(newEvents + 1); await load(); }} />
        </details>
      </section>
    </Screen>
  );
}

function PostItem({ post, campaignId, run }: { post: PostView; campaignId: string; run: (w: () => Promise<unknown>) => Promise<boolean> }) {
  const t = useT();
  const locale = useLocale();
  const me = useUser();
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState('');
  return (
    <li class="row post-item" data-testid="post-item">
      <p><strong>{NETWORK_NAMES[post.channel]}</strong> <span class={`chip chip-${post.status}`} data-testid="post-status">{t(`campaigns.post.status.${post.status}`)}</span>
        {' '}{post.plannedAt && t('campaigns.post.plannedFor', { when: when(post.plannedAt, locale)! })}</p>
      {/* An uploaded image, shown small: its publication copy (no metadata), through the route the composer uses. */}
      {post.imageUploadId && (
        <img src={campaignsApi.imageUrl(post.imageUploadId)} alt={post.imageAlt ?? ''} class="post-thumb" loading="lazy" data-testid="post-thumb" />
      )}
      <p class="post-text">{post.body}</p>
      <p class="field-hint">{t('campaigns.post.count', { length: post.length, limit: post.limit })}
        {post.imageAlt && <> · {t('campaigns.post.withImage', { alt: post.imageAlt })}</>}
        {' · '}{t('campaigns.post.by', { name: post.createdByName })}
        {post.approvedByName && <> · {t('campaigns.post.approvedBy', { name: post.approvedByName })}</>}</p>
      {post.publishedUrl && <p><a href={post.publishedUrl} rel="noopener noreferrer" target="_blank">{post.publishedUrl}</a></p>}
      {post.status === 'published' && (
        <div class="post-echoes" data-testid="post-echoes">
          <p class="field-hint">{post.echoes.length ? t('campaigns.post.echoes', { n: post.echoes.length }) : t('campaigns.post.noEchoes')}</p>
          {post.echoes.length > 0 && (
            <ul>{post.echoes.map((c) => (
              <li key={c.id}><a href={c.url} rel="noopener noreferrer" target="_blank">{c.title}</a> — {c.outlet}, {when(c.publishedAt, locale)}
                {c.own && <> <span class="chip">{t('campaigns.post.ownPublication')}</span></>}</li>
            ))}</ul>
          )}
        </div>
      )}
      {post.status === 'draft' && post.createdById !== me.id && (
        <Button onClick={() => run(() => campaignsApi.approvePost(post.id))} testId="post-approve">{t('campaigns.post.approve')}</Button>
      )}
      {post.status === 'draft' && post.createdById === me.id && <p class="field-hint">{t('campaigns.post.needsSecond')}</p>}
      {post.status === 'approved' && (
        <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void run(() => campaignsApi.markPublished(post.id, url)); }}>
          <TextField label={t('campaigns.post.publishedUrl')} type="url" value={url} onValue={setUrl} required maxLength={2000} />
          <Button type="submit" variant="secondary">{t('campaigns.post.markPublished')}</Button>
        </form>
      )}
      {post.status !== 'published' && !editing && <Button variant="link" onClick={() => setEditing(true)}>{t('campaigns.post.edit')}</Button>}
      {editing && (
        <PostComposer campaignId={campaignId} post={post} submitLabel={t('campaigns.save')}
          onSubmit={async (b: PostBody) => { if (await run(() => campaignsApi.editPost(post.id, b))) setEditing(false); }} />
      )}
    </li>
  );
}

function EventItem({ event, campaignId, reload, run }: {
  event: EventView; campaignId: string; reload: () => Promise<unknown>; run: (w: () => Promise<unknown>) => Promise<boolean>;
}) {
  const t = useT();
  const locale = useLocale();
  const me = useUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const registered = event.registrations.some((r) => r.userId === me.id);
  const open = event.cancelledAt === null;
  return (
    <li class="row" data-testid="event-item">
      <p><strong>{event.title}</strong> <span class="chip">{t(`campaigns.event.kinds.${event.kind}`)}</span>
        {!open && <> <span class="chip chip-cancelled" data-testid="event-cancelled">{t('campaigns.event.cancelled', { when: when(event.cancelledAt, locale)! })}</span></>}</p>
      <p>{t('campaigns.event.span', { from: when(event.startsAt, locale)!, to: when(event.endsAt, locale)! })}{event.place && ` · ${event.place}`}</p>
      {event.description && <p class="campaign-objectives">{event.description}</p>}
      <p>{event.capacity ? t('campaigns.event.placesOf', { n: event.registrations.length, capacity: event.capacity }) : t('campaigns.event.places', { n: event.registrations.length })}</p>
      <ul>
        {event.registrations.map((r) => (
          <li key={r.id}>{r.name} ({r.email}) <Button variant="link" onClick={() => run(() => campaignsApi.unregister(event.id, r.id))}>{t('campaigns.event.unregister')}</Button></li>
        ))}
      </ul>
      {open && !editing && <Button variant="link" onClick={() => setEditing(true)} testId="event-edit">{t('campaigns.event.edit')}</Button>}
      {editing && (
        <EventForm campaignId={campaignId} event={event} submitLabel={t('campaigns.save')}
          onSubmit={async (b) => { await campaignsApi.editEvent(event.id, b); setEditing(false); await reload(); }} />
      )}
      {open && !confirming && <Button variant="link" onClick={() => setConfirming(true)} testId="event-cancel">{t('campaigns.event.cancel')}</Button>}
      {open && confirming && (
        <p>{t('campaigns.event.cancelConfirm')}{' '}
          <Button variant="secondary" onClick={() => void run(() => campaignsApi.cancelEvent(event.id)).then(() => setConfirming(false))} testId="event-cancel-confirm">
            {t('campaigns.event.cancelYes')}</Button>{' '}
          <Button variant="link" onClick={() => setConfirming(false)}>{t('campaigns.event.cancelNo')}</Button></p>
      )}
      {open && !registered && <Button variant="secondary" onClick={() => run(() => campaignsApi.register(event.id, { self: true }))}>{t('campaigns.event.registerMe')}</Button>}
      {open && <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void run(() => campaignsApi.register(event.id, { self: false, name, email })).then((ok) => { if (ok) { setName(''); setEmail(''); } }); }}>
        <TextField label={t('campaigns.event.name')} value={name} onValue={setName} required maxLength={200} />
        <TextField label={t('campaigns.event.email')} type="email" value={email} onValue={setEmail} required maxLength={320} />
        <Button type="submit" variant="secondary">{t('campaigns.event.register')}</Button>
      </form>}
    </li>
  );
}
