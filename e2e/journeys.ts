import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { expect, request, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { stateFile } from './state.js';

/**
 * What the browser journeys share: an API client with its own session, accounts invited through
 * the administrator the foundation journey hands over (or a set-up of our own when run alone),
 * signing in as a person would, a tiny real PNG, and the page's unexpected errors.
 */

const STATE = stateFile;
const OWN_ADMIN = { email: 'terrain-admin@hro.example', password: 'phrase de passe de l’admin terrain', name: 'Dominique' };

export interface Session { user: { id: string; displayName: string }; csrfToken: string }
export interface SyncResult { commandId: string; status: string; version: number | null; error: unknown }

/** A signed-in API client: its own cookie jar, and the CSRF token every write needs. */
export class Api {
  csrf = '';
  private constructor(readonly ctx: APIRequestContext) {}
  static async open(baseURL: string, storageState?: string) {
    return new Api(await request.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': 'fr' }, ...(storageState ? { storageState } : {}) }));
  }
  async get<T>(path: string): Promise<T> {
    const res = await this.ctx.get(path);
    expect(res.ok(), `GET ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  }
  async post<T>(path: string, data: unknown, okOnly = true): Promise<{ status: number; body: T }> {
    const res = await this.ctx.post(path, { data, headers: this.csrf ? { 'x-csrf-token': this.csrf } : {} });
    const body = (await res.json().catch(() => null)) as T;
    if (okOnly) expect(res.ok(), `POST ${path}: ${res.status()} ${JSON.stringify(body)}`).toBe(true);
    const token = (body as { csrfToken?: unknown } | null)?.csrfToken;
    if (res.ok() && typeof token === 'string') this.csrf = token;
    return { status: res.status(), body };
  }
  async push(commands: object[]): Promise<SyncResult[]> {
    const { body } = await this.post<{ results: SyncResult[] }>('/api/sync/push', { commands });
    for (const r of body.results) expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
    return body.results;
  }
}

/** Signs in as someone who may invite: the foundation journey's administrator, or our own after set-up. */
export async function inviter(baseURL: string): Promise<Api> {
  const api = await Api.open(baseURL);
  const { needsSetup } = await api.get<{ needsSetup: boolean }>('/api/setup/status');
  if (needsSetup) {
    const code = readFileSync(STATE('setup-code'), 'utf8').trim();
    await api.post('/api/setup', { code, organisationName: 'Human Rights Observers', displayName: OWN_ADMIN.name, email: OWN_ADMIN.email, password: OWN_ADMIN.password });
    return api;
  }
  expect(existsSync(STATE('admin.json')), 'set-up done by someone else: the foundation journey must hand its administrator over').toBe(true);
  // The administrator's session is shared by the journeys: each new sign-in needs a TOTP step
  // nobody used yet (one every 30 s), and waiting for it cost the run minutes.
  if (existsSync(STATE('admin-session.json'))) {
    const shared = await Api.open(baseURL, STATE('admin-session.json'));
    const me = await shared.ctx.get('/api/auth/me');
    if (me.ok()) {
      shared.csrf = ((await me.json()) as Session).csrfToken;
      await api.ctx.dispose();
      return shared;
    }
    await shared.ctx.dispose();
  }
  const admin = JSON.parse(readFileSync(STATE('admin.json'), 'utf8')) as { email: string; password: string; totpSecret: string; lastStep: number };
  const first = await api.post<{ code?: string }>('/api/auth/login', { email: admin.email, password: admin.password }, false);
  if (first.status === 200) {
    await api.ctx.storageState({ path: STATE('admin-session.json') });
    return api;
  }
  expect(first.body.code).toBe('auth.totp_required');
  // Each TOTP step is accepted once (and the next one early): take one no journey used yet, and
  // write it down for the journeys that follow on this server.
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    for (const step of [current, current + 1]) {
      if (step <= admin.lastStep) continue;
      const totp = new TOTP({ secret: Secret.fromBase32(admin.totpSecret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: step * 30_000 });
      const res = await api.post<{ code?: string }>('/api/auth/login', { email: admin.email, password: admin.password, totp }, false);
      admin.lastStep = step;
      writeFileSync(STATE('admin.json'), JSON.stringify(admin));
      if (res.status === 200) {
        await api.ctx.storageState({ path: STATE('admin-session.json') });
        return api;
      }
    }
    await new Promise((r) => setTimeout(r, (current + 1) * 30_000 - Date.now() + 200));
  }
}

export async function invite(admin: Api, baseURL: string, who: { email: string; password: string; name: string }, role: string): Promise<Api> {
  const { body } = await admin.post<{ link: string; confirmationPending: boolean }>('/api/invitations', { email: who.email, role });
  // Access to identities is given by two people: the run's first identity holder confirms the later ones.
  if (body.confirmationPending) await confirmGrantTo(baseURL, who.email);
  const token = new URL(body.link).searchParams.get('token');
  const api = await Api.open(baseURL);
  await api.post<Session>('/api/invitations/accept', { token, displayName: who.name, password: who.password });
  if (!body.confirmationPending && ['coordinator', 'legal'].includes(role) && !existsSync(STATE('confirmer.json'))) {
    writeFileSync(STATE('confirmer.json'), JSON.stringify({ email: who.email, password: who.password }));
  }
  return api;
}

async function confirmGrantTo(baseURL: string, email: string) {
  expect(existsSync(STATE('confirmer.json')), 'an invitation waits for a second person, and no journey handed one over').toBe(true);
  const who = JSON.parse(readFileSync(STATE('confirmer.json'), 'utf8')) as { email: string; password: string };
  const confirmer = await Api.open(baseURL);
  await confirmer.post('/api/auth/login', { email: who.email, password: who.password });
  const { grants } = await confirmer.get<{ grants: Array<{ id: string; email: string; status: string }> }>('/api/identity-grants');
  const grant = grants.find((g) => g.email === email && g.status === 'pending');
  expect(grant, `no pending grant for ${email}`).toBeTruthy();
  await confirmer.post(`/api/identity-grants/${grant!.id}/confirm`, {});
  await confirmer.ctx.dispose();
}

/** A real, tiny PNG (8×8 grey), built here so the test needs no fixture file. */
export function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(8, 0);
  ihdr.writeUInt32BE(8, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, ...Array<number>(8).fill(0x80)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Uncaught errors in the page, and console errors other than the offline ones we cause. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function signIn(page: Page, who: { email: string; password: string; name: string }) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(who.email);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Signed in: the header shows the person's menu. (Each role lands on its own home; observers
  // on the field screen, which first asks for the phone's code: see unlockPhone.)
  await expect(page.getByRole('banner').getByText(who.name)).toBeVisible();
}


/** The unlock code browser journeys choose for a phone's local store (issue 16). */
export const PHONE_CODE = 'marée-basse-7';

/**
 * The capture app first asks for an unlock code (a new phone) or for the code (a locked one):
 * answers either, then waits for the field screens.
 */
export async function unlockPhone(page: Page, code = PHONE_CODE) {
  const setup = page.getByTestId('phone-setup');
  const unlock = page.getByTestId('phone-unlock');
  await expect(setup.or(unlock)).toBeVisible({ timeout: 20_000 });
  // The gate may show one form, then the other once it has read this phone's local keyring.
  await page.waitForTimeout(500);
  await expect(setup.or(unlock)).toBeVisible();
  if (await setup.isVisible()) {
    await page.getByTestId('phone-code').fill(code);
    await page.getByTestId('phone-code-again').fill(code);
    await page.getByTestId('phone-setup-submit').click();
  } else {
    await page.getByTestId('phone-unlock-code').fill(code);
    await page.getByTestId('phone-unlock-submit').click();
  }
  await expect(page.getByTestId('sync-bar')).toBeVisible({ timeout: 20_000 });
}

/**
 * An observer's phone, ready to record: a phone-sized French context in Paris time, signed in,
 * the capture app unlocked (`beforeUnlock` looks at the code screen first), the service worker in
 * charge (so that pages load offline) and a first synchronisation done. `errors` collects the
 * page's unexpected errors from sign-in on.
 */
export async function openPhone(browser: Browser, who: { email: string; password: string; name: string },
  options: { beforeUnlock?: (page: Page) => Promise<void> } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', hasTouch: true });
  const page = await context.newPage();
  await signIn(page, who);
  const errors = watchErrors(page);
  await page.goto('/field');
  await options.beforeUnlock?.(page);
  await unlockPhone(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect(page.getByTestId('sync-bar')).toContainText('Dernière synchronisation', { timeout: 20_000 });
  return { context, page, errors };
}
