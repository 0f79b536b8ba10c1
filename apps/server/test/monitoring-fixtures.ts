import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local web of feeds and article pages for the media monitoring tests: real RSS 2.0, Atom and
 * JSON Feed documents as outlets publish them, article pages with menus and footers around the
 * text, and the bad cases: a malformed feed, a page that is not a feed, a huge feed, a redirect
 * loop and a server that never answers. The RSS feed honours ETag / If-None-Match (304).
 */
export const WIRE = `Mardi matin, les forces de l'ordre ont procédé à l'expulsion d'un lieu de vie situé près de l'hôpital de Calais. Selon les
Human Rights Observers, au moins 40 tentes ont été saisies et une centaine de personnes ont dû quitter les lieux. L'opération a commencé
vers 8 heures et s'est achevée en fin de matinée. Les associations dénoncent des expulsions répétées, presque quotidiennes, qui épuisent
les personnes et les empêchent de se reposer. La préfecture du Pas-de-Calais évoque une opération de mise à l'abri et indique que des
places en centre d'accueil ont été proposées.`;
export const COPY = `Mardi matin, les forces de l'ordre ont procédé à l'expulsion d'un lieu de vie situé près de l'hôpital de Calais, rapporte
l'AFP. Selon les Human Rights Observers, au moins 40 tentes ont été saisies et une centaine de personnes ont dû quitter les lieux.
L'opération a commencé vers 8 heures. Les associations dénoncent des expulsions répétées, presque quotidiennes, qui épuisent les
personnes. La préfecture du Pas-de-Calais évoque une opération de mise à l'abri et indique que des places en centre d'accueil ont été
proposées. (avec AFP)`;
export const OTHER = `The charity Human Rights Observers said on Thursday that water points near the Calais camps had been closed this autumn,
forcing people to walk for more than an hour. The town council said new taps would be installed in the spring, while volunteers
described evictions that continue almost every day along the coast.`;

function articlePage(title: string, text: string, canonical?: string) {
  const paragraphs = text.split(/(?<=\.)\s+/).map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>
${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head><body>
<header><nav><a href="/">Accueil</a> <a href="/sports">Sports</a> <a href="/meteo">Météo</a> Abonnez-vous !</nav></header>
<main><article><h1>${title}</h1><p class="byline">Par Camille Martin</p>${paragraphs}</article></main>
<aside>Les plus lus : Le marché de Noël ouvre ses portes ; Résultats du loto</aside>
<footer>© Journal du Littoral — Mentions légales — Cookies</footer></body></html>`;
}

export type FeedWeb = { url: string; hits: Record<string, number>; conditionalHits: number; close(): Promise<void> };

export async function startFeedWeb(): Promise<FeedWeb> {
  const hits: Record<string, number> = {};
  const web = { conditionalHits: 0 };
  let base = '';
  const rss = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Journal du Littoral — Calais</title><link>${base}/</link><description>L'actualité de Calais</description><language>fr-FR</language>
  <item>
    <title>Calais : nouvelle expulsion d'un campement d'exilés</title>
    <link>${base}/articles/calais-expulsion?utm_source=rss&amp;utm_medium=feed</link>
    <guid isPermaLink="false">jdl-1001</guid>
    <description><![CDATA[<p>Selon les <b>Human Rights Observers</b>, au moins 40 tentes ont été saisies.</p>]]></description>
    <dc:creator>Camille Martin</dc:creator>
    <pubDate>Tue, 01 Dec 2026 09:30:00 +0100</pubDate>
  </item>
  <item>
    <title>HRO Today : les logiciels RH de l'année</title>
    <link>${base}/articles/hro-today</link>
    <description>Le classement HRO Today des meilleurs logiciels de ressources humaines.</description>
    <pubDate>Tue, 01 Dec 2026 10:00:00 +0100</pubDate>
  </item>
  <item>
    <title>Le marché de Noël ouvre ses portes</title>
    <link>${base}/articles/marche-noel</link>
    <description>Une expulsion de la neige ? Non, les chalets sont installés place d'Armes.</description>
    <pubDate>Tue, 01 Dec 2026 11:00:00 +0100</pubDate>
  </item>
</channel></rss>`;
  const atom = () => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Channel Observer</title><id>urn:channel-observer</id><updated>2026-12-01T12:00:00Z</updated>
  <link rel="self" href="${base}/atom.xml"/>
  <entry>
    <title>Calais: nouvelle expulsion (repris)</title>
    <link rel="alternate" href="${base}/articles/calais-expulsion?utm_campaign=atom#top"/>
    <id>urn:co:1</id><updated>2026-12-01T12:00:00Z</updated>
    <summary>Human Rights Observers: 40 tents seized.</summary>
  </entry>
  <entry>
    <title>Calais water points closed, charity says</title>
    <link rel="alternate" href="${base}/articles/water-points"/>
    <id>urn:co:2</id><published>2026-12-03T08:00:00Z</published><updated>2026-12-03T08:00:00Z</updated>
    <summary type="html">&lt;p&gt;Human Rights Observers say evictions continue.&lt;/p&gt;</summary>
    <author><name>Sam Jones</name></author>
  </entry>
</feed>`;
  const json = () => JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: 'Nord Littoral', home_page_url: `${base}/`, language: 'fr',
    items: [
      { id: 'nl-77', url: `${base}/articles/nord-littoral-expulsion`, title: "EXPULSION À CALAIS : 40 tentes saisies selon les observateurs",
        summary: "L'AFP rapporte une nouvelle expulsion près de l'hôpital.", date_published: '2026-12-01T10:15:00+01:00', authors: [{ name: 'AFP' }] },
      { id: 'nl-78', url: `${base}/articles/grande-synthe`, title: 'Grande-Synthe : expulsion du campement du Puythouck',
        content_text: "Les forces de l'ordre ont expulsé le campement du Puythouck ce matin.", date_published: '2026-12-02T09:00:00+01:00' },
    ],
  });
  const pages: Record<string, string> = {
    '/articles/calais-expulsion': articlePage("Calais : nouvelle expulsion d'un campement d'exilés", WIRE),
    '/articles/nord-littoral-expulsion': articlePage('EXPULSION À CALAIS', COPY),
    '/articles/water-points': articlePage('Calais water points closed, charity says', OTHER),
    '/articles/grande-synthe': articlePage('Grande-Synthe : expulsion du campement du Puythouck', "Les forces de l'ordre ont expulsé le campement du Puythouck ce matin. ".repeat(8)),
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits[path] = (hits[path] ?? 0) + 1;
    if (path === '/rss.xml') {
      if (req.headers['if-none-match'] === '"rss-v1"') { web.conditionalHits += 1; res.writeHead(304).end(); return; }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"rss-v1"' }).end(rss());
    } else if (path === '/atom.xml') {
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom());
    } else if (path === '/feed.json') {
      res.writeHead(200, { 'content-type': 'application/feed+json' }).end(json());
    } else if (path === '/broken.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Cassé</title><item><title>Sans fin');
    } else if (path === '/not-a-feed') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>Bienvenue sur notre site</h1></body></html>');
    } else if (path === '/huge.xml') {
      // No Content-Length: the limit has to be enforced while the body streams.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Énorme</title>');
      const item = `<item><title>Human Rights Observers ${'x'.repeat(1000)}</title><link>${base}/x</link></item>`;
      let sent = 0;
      const pump = () => {
        while (sent < 3000) {
          sent += 1;
          if (!res.write(item)) { res.once('drain', pump); return; }
        }
        res.end('</channel></rss>');
      };
      pump();
      res.on('error', () => {});
    } else if (path === '/loop-a' || path === '/loop-b') {
      res.writeHead(302, { location: path === '/loop-a' ? '/loop-b' : '/loop-a' }).end();
    } else if (path === '/slow.xml') {
      // Never answers; the client's timeout has to end it.
      req.on('close', () => res.destroy());
    } else if (pages[path]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path]);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base, hits, get conditionalHits() { return web.conditionalHits; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
