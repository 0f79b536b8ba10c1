/**
 * One address per article, whatever feed it came from: the same article from several feeds
 * (an outlet's "all news" and "region" feeds, a Google Alert) is one clipping. Tracking
 * parameters, fragments, "www.", the scheme and a trailing slash are not part of the identity;
 * a Google redirect (google.com/url?url=…) is unwrapped.
 */
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|xtor|at_[a-z]+|ref|ref_src|cmpid|ns_[a-z]+|_ga|igshid|oc)$/i;

export function canonicalUrl(href: string): string | null {
  let url: URL;
  try { url = new URL(href.trim()); } catch { return null; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (/(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/url') {
    const target = url.searchParams.get('url') ?? url.searchParams.get('q');
    if (target && target !== href) return canonicalUrl(target);
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '';
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  return `https://${host}${port}${path}${query}`;
}
