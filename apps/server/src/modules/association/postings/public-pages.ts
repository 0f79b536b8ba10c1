/**
 * The public pages recruitment adds to an organisation's public site, for the public site index
 * (GET /api/public/<slug>, built by the communication desk): each entry says what it is and
 * where it lives. Only published postings appear on these pages.
 */
export const RECRUITMENT_PUBLIC_PAGES = [
  { key: 'jobs', kind: 'html', path: (slug: string) => `/api/public/${slug}/jobs` },
  { key: 'jobs.json', kind: 'json', path: (slug: string) => `/api/public/${slug}/jobs.json` },
  { key: 'jobs.atom', kind: 'atom', path: (slug: string) => `/api/public/${slug}/jobs.atom` },
] as const;

export const jobPagePath = (slug: string, postingId: string) => `/api/public/${slug}/jobs/${postingId}`;
