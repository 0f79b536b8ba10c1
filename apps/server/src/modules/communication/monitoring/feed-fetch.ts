/**
 * Fetching feeds and article pages from the outside world, within limits: a timeout over the
 * whole exchange, a maximum size read as the body streams (a declared Content-Length over it is
 * refused before reading), a maximum number of redirects followed by hand (a loop ends there),
 * and conditional requests (ETag / If-Modified-Since) so an unchanged feed costs a 304.
 * Every failure is a FetchFailure with a stable code the source's health line words for people.
 */
export type FetchLimits = { timeoutMs: number; maxBytes: number; maxRedirects: number };
export const FEED_LIMITS: FetchLimits = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };
export const ARTICLE_LIMITS: FetchLimits = { timeoutMs: 15_000, maxBytes: 3 * 1024 * 1024, maxRedirects: 5 };

export type FetchFailureCode = 'timeout' | 'too_large' | 'too_many_redirects' | 'http_status' | 'network' | 'bad_address' | 'not_a_feed' | 'malformed';
export class FetchFailure extends Error {
  constructor(readonly code: FetchFailureCode, readonly detail = '') {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export type Fetched =
  | { status: 'not_modified'; url: string }
  | { status: 'ok'; url: string; body: string; contentType: string; etag: string | null; lastModified: string | null };

const USER_AGENT = 'Vigie-veille/1.0 (+media monitoring of a human-rights observatory)';

async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new FetchFailure('too_large', String(maxBytes));
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchFailure('too_large', String(maxBytes));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function charsetOf(contentType: string, head: Buffer): string {
  const declared = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /encoding=["']([\w-]+)["']/i.exec(head.subarray(0, 200).toString('latin1'))?.[1];
  return declared?.toLowerCase() ?? 'utf-8';
}

function decode(bytes: Buffer, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(contentType, bytes)).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export async function fetchLimited(url: string, limits: FetchLimits, conditional: { etag?: string | null; lastModified?: string | null } = {}): Promise<Fetched> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  try {
    for (let hop = 0; ; hop += 1) {
      let parsed: URL;
      try { parsed = new URL(current); } catch { throw new FetchFailure('bad_address', current); }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchFailure('bad_address', current);
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml, text/html;q=0.8, */*;q=0.5',
      };
      if (hop === 0 && conditional.etag) headers['if-none-match'] = conditional.etag;
      if (hop === 0 && conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
      const res = await fetch(current, { redirect: 'manual', signal, headers });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.headers.get('location');
        await res.body?.cancel().catch(() => {});
        if (!location) throw new FetchFailure('http_status', String(res.status));
        if (hop >= limits.maxRedirects) throw new FetchFailure('too_many_redirects', String(limits.maxRedirects));
        current = new URL(location, current).toString();
        continue;
      }
      if (res.status === 304) return { status: 'not_modified', url: current };
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        throw new FetchFailure('http_status', String(res.status));
      }
      const contentType = res.headers.get('content-type') ?? '';
      const bytes = await readLimited(res, limits.maxBytes);
      return { status: 'ok', url: current, body: decode(bytes, contentType), contentType, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
    }
  } catch (err) {
    if (err instanceof FetchFailure) throw err;
    if (signal.aborted) throw new FetchFailure('timeout', String(Math.round(limits.timeoutMs / 1000)));
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchFailure('network', cause?.code ?? cause?.message ?? (err as Error).message);
  }
}
