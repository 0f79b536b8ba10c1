import type { PublicPageKind, PublicSiteIndex } from '@vigie/domain';
import { api } from '../../../api/client';

export type { PublicPageKind, PublicSiteIndex };

/** The organisation's public site index, read as any website would (no session needed). */
export const publicSiteApi = {
  index: (slug: string) => api.get<PublicSiteIndex>(`/api/public/${encodeURIComponent(slug)}`),
};

/** What to paste into WordPress for a page: an iframe for a framable page, the address otherwise. */
export function embedCode(kind: PublicPageKind, url: string, title: string): string {
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return kind === 'frame' ? `<iframe src="${attr(url)}" title="${attr(title)}" width="100%" height="600" style="border:0"></iframe>` : url;
}
