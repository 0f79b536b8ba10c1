import type { Db } from '../../../platform/db/database.js';
import { renderTypstPdf } from '../../../platform/pdf/typst.js';
import type { Attachment } from '../mailings/mail-pipeline.js';
import './press-releases.table.js';

/**
 * The PDF version of a sent release, typeset by Typst from its frozen snapshot (data handed over
 * as JSON, never spliced into markup). Journalists get it beside the plain-text body.
 */
const TEMPLATE = `
#let d = json(bytes(sys.inputs.data))
#set page(paper: "a4", margin: 2cm)
#set text(size: 11pt, lang: d.language)
#if d.embargo != none [#text(weight: "bold", fill: red)[#d.embargo] #v(0.5em)]
#text(size: 18pt, weight: "bold")[#d.title]
#v(0.5em)
#if d.lede != none [#text(style: "italic")[#d.lede] #v(0.5em)]
#for p in d.paragraphs [#p #parbreak()]
#if d.figures.len() > 0 [
  #text(weight: "bold")[#d.figuresTitle]
  #for f in d.figures [- #f]
]
#if d.quotes != none [#v(0.5em) #d.quotes]
#if d.contacts != none [#v(0.5em) #text(weight: "bold")[#d.contactsTitle] #linebreak() #d.contacts]
`;

type Snapshot = { title: string; lede: string | null; body: string; quotes: string | null; pressContacts: string | null; language: string;
  figures: Array<{ wording: string }>; text: string };

export function pressReleasePdf(s: Snapshot, embargo: string | null): Buffer {
  const fr = s.language === 'fr';
  return renderTypstPdf(TEMPLATE, {
    language: s.language, title: s.title, lede: s.lede, paragraphs: s.body.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean),
    figures: s.figures.map((f) => f.wording), figuresTitle: fr ? 'Chiffres cités (minimums observés)' : 'Figures cited (observed minimums)',
    quotes: s.quotes, contacts: s.pressContacts, contactsTitle: fr ? 'Contacts presse' : 'Press contacts', embargo,
  });
}

/** Attachments for the mail pipeline: the release's PDF, built from its snapshot at send time. */
export function pressReleaseAttachments(db: Db) {
  return async (purpose: string, sourceId: string): Promise<Attachment[]> => {
    if (purpose !== 'press_release') return [];
    const r = await db.selectFrom('press_releases').select(['snapshot', 'embargo_until']).where('id', '=', sourceId).executeTakeFirst();
    if (!r?.snapshot) return [];
    const s = r.snapshot as unknown as Snapshot;
    const embargo = r.embargo_until && r.embargo_until.getTime() > Date.now()
      ? (s.language === 'fr' ? 'EMBARGO jusqu’au ' : 'EMBARGOED until ') + r.embargo_until.toLocaleString(s.language === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' })
      : null;
    return [{ filename: 'communique.pdf', content: pressReleasePdf(s, embargo), contentType: 'application/pdf' }];
  };
}
