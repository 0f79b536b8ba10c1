import { currentLocale, t } from '../i18n';

/**
 * The one door to the server. Every call is same-origin JSON; the session lives in an
 * http-only cookie, so the only secret kept in JS is the CSRF token, held in memory (never in
 * storage, which would survive a seized phone's reboot).
 */

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** Stable code from the server's error catalogue, e.g. `auth.totp_required`; `network` when offline. */
    readonly code: string,
    /** Already translated by the server (or by us for network errors): shown to users as-is. */
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (expired, revoked, account deactivated). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('network', t('errors.network'), 0);
  }

  const payload = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response.status, payload);
    if (error.code === 'auth.unauthenticated') onUnauthenticated?.();
    throw error;
  }
  if (isRecord(payload) && typeof payload.csrfToken === 'string') csrfToken = payload.csrfToken;
  return payload as T;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  payload: unknown;
  /** Set when the answer is not a success (the body read as the server's error). */
  error: ApiError | null;
}

/**
 * For the few calls that are not JSON both ways (HEAD, binary chunks): same session, CSRF token
 * and language, but the answer is returned whatever its status. Throws only when offline.
 */
export async function requestRaw(method: Method | 'HEAD', path: string, body?: BodyInit, extraHeaders: Record<string, string> = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale(), ...extraHeaders };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body ?? null });
  } catch {
    throw new ApiError('network', t('errors.network'), 0);
  }
  const payload = method === 'HEAD' ? undefined : await readJson(response);
  const error = response.ok ? null : toApiError(response.status, payload);
  if (error?.code === 'auth.unauthenticated') onUnauthenticated?.();
  return { status: response.status, headers: response.headers, payload, error };
}

/**
 * A call whose answer is a file (a PDF, a ZIP of evidence): its bytes and the name the server
 * gave it. Errors come back as JSON and are thrown as usual.
 */
export async function requestFile(method: Method, path: string, body?: unknown): Promise<{ blob: Blob; fileName: string | null }> {
  const headers: Record<string, string> = { Accept: '*/*', 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? null : JSON.stringify(body) });
  } catch {
    throw new ApiError('network', t('errors.network'), 0);
  }
  if (!response.ok) {
    const error = toApiError(response.status, await readJson(response));
    if (error.code === 'auth.unauthenticated') onUnauthenticated?.();
    throw error;
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
  return { blob: await response.blob(), fileName };
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  if (isRecord(payload) && typeof payload.code === 'string' && typeof payload.message === 'string') {
    return new ApiError(payload.code, payload.message, status, payload.details);
  }
  return new ApiError('http.' + status, t('errors.generic', { status }), status);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The message to show for any failure, whether it came from the server or from our own code. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return t('errors.generic', { status: '—' });
}

/**
 * Per-field messages from a validation error. The server sends
 * `details: { in: 'body', fields: [{ field: 'email', issue, message }] }`, already translated.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError) || !isRecord(error.details)) return out;
  const fields = error.details.fields;
  if (!Array.isArray(fields)) return out;
  for (const problem of fields) {
    if (!isRecord(problem) || typeof problem.field !== 'string' || typeof problem.message !== 'string') continue;
    if (!(problem.field in out)) out[problem.field] = problem.message;
  }
  return out;
}
