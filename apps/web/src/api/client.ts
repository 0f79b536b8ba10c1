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
  if (error instanceof ApiError) {
    // The server's validation message names fields by their path (photos.0.credit): say what
    // is wrong in words instead, the details being shown beside each field by the screen.
    if (error.code === 'request.validation_failed') {
      const problems = fieldProblemsOf(error);
      if (problems.length > 0) {
        // A problem with the whole request (no field, `field` empty) is already worded by the
        // server in the reader's language, naming the part and what was expected.
        const named = problems.map((p) => (p.field === '' ? p.message : `${fieldName(p.field)}${t('office.fieldIssue.separator')}${fieldMessage(p)}`));
        return t('office.fieldIssue.summary', { problems: [...new Set(named)].join(' ; ') });
      }
    }
    return error.message;
  }
  return t('errors.generic', { status: '—' });
}

type FieldProblem = { field: string; issue: string; message: string; minimum?: number; maximum?: number };

function fieldProblemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || !isRecord(error.details) || !Array.isArray(error.details.fields)) return [];
  return error.details.fields.filter((p): p is FieldProblem => isRecord(p) && typeof p.field === 'string' && typeof p.issue === 'string');
}

/** A field's name in words, from the last named part of its path ("photos.0.credit" → "crédit"). */
function fieldName(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const names = t('office.fieldNames', { returnObjects: true }) as Record<string, string>;
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const name = names[parts[i]!];
    if (name) return name;
  }
  return t('office.fieldIssue.aField');
}

/** What is wrong with one field, in plain words and without its path. */
export function fieldMessage(p: FieldProblem): string {
  if (p.issue === 'invalid_type' || (p.issue === 'too_small' && (p.minimum ?? 1) <= 1)) return t('office.fieldIssue.required');
  if (p.issue === 'too_small') return t('office.fieldIssue.tooSmall', { minimum: p.minimum });
  if (p.issue === 'too_big') return p.maximum === undefined ? t('office.fieldIssue.tooBigAny') : t('office.fieldIssue.tooBig', { maximum: p.maximum });
  if (p.issue === 'invalid_format' || p.issue === 'invalid_string' || p.issue === 'pattern' || p.issue === 'format') return t('office.fieldIssue.format');
  if (p.issue === 'invalid_value' || p.issue === 'enum') return t('office.fieldIssue.value');
  return t('office.fieldIssue.other');
}

/**
 * Per-field messages from a validation error. The server sends
 * `details: { in: 'body', fields: [{ field: 'email', issue, message }] }`, already translated.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const problem of fieldProblemsOf(error)) {
    if (problem.field !== '' && !(problem.field in out)) out[problem.field] = fieldMessage(problem);
  }
  return out;
}

/** Moves the focus to the first field marked invalid, once the screen has drawn the errors. */
export function focusFirstInvalid(root: ParentNode = document): void {
  requestAnimationFrame(() => {
    const el = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
    el?.scrollIntoView?.({ block: 'center' });
  });
}
