import type { Manifest } from './bundle-format.js';
import { parisDateTime, renderPdf, shortFrenchDay } from './typst-pdf.js';

/**
 * The manifest for people: the same facts as manifest.json, in French, for the lawyer and the
 * judge. manifest.json stays the reference (it is what is signed); this PDF's own hash is listed
 * in it, so the readable copy cannot be swapped either.
 */
const CUSTODY_ACTIONS: Record<string, string> = {
  'evidence.upload_started': 'Début de l’envoi depuis le téléphone',
  'evidence.received': 'Reçu, empreinte vérifiée, stocké chiffré',
  'evidence.rejected': 'Refusé à la réception',
  'evidence.public_copy_made': 'Copie de publication faite, sans métadonnées',
  'evidence.public_copy_impossible': 'Copie de publication impossible (format non décodable)',
  'evidence.original_read': 'Original consulté',
  'evidence.bundle_exported': 'Exporté dans un dossier de preuves',
};

function view(m: Manifest) {
  const name = (p: { displayName: string | null; id: string } | null) => (p ? p.displayName ?? p.id : '—');
  return {
    bundleId: m.bundleId,
    createdAt: parisDateTime(m.createdAt),
    createdBy: name(m.createdBy),
    organisation: m.organisation.name,
    fingerprint: m.signingKey.sha256Fingerprint,
    case: m.case ? Object.entries(m.case).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]) : null,
    files: m.files.map((f) => ({
      path: f.path, sha256: f.sha256, size: `${f.sizeBytes.toLocaleString('fr-FR')} octets`, type: f.mediaType ?? '—',
      originalName: f.originalName, capturedAt: parisDateTime(f.capturedAt) ?? 'inconnue', receivedAt: parisDateTime(f.receivedAt) ?? '—',
      gps: f.gps ? `${f.gps.latitude.toFixed(6)}, ${f.gps.longitude.toFixed(6)}${f.gps.altitude === null ? '' : ` (alt. ${f.gps.altitude} m)`}` : 'absente',
      author: name(f.author), credit: f.credit ?? '—', deviceMatches: f.sha256Device === f.sha256,
      eviction: f.eviction ? `${shortFrenchDay(f.eviction.date)} — site ${f.eviction.siteCode} (${f.eviction.siteName}), commune ${f.eviction.communeInsee}` : '—',
      custody: f.custody.map((c) => [parisDateTime(c.at)!, CUSTODY_ACTIONS[c.action] ?? c.action, name(c.actor), c.auditHash.slice(0, 16)]),
    })),
  };
}

const TEMPLATE = String.raw`
#let d = json(bytes(sys.inputs.data))
#set document(title: "Manifeste du dossier de preuves")
#set page(paper: "a4", margin: 2cm, footer: context [#text(size: 8pt)[Dossier #d.bundleId — page #counter(page).display() / #counter(page).final().first()]])
#set text(lang: "fr", size: 10pt, hyphenate: false)
#let mono(s) = text(font: "DejaVu Sans Mono", size: 8pt, s)
= Manifeste du dossier de preuves
#table(columns: (auto, 1fr), stroke: 0.4pt,
  [Organisation], [#d.organisation],
  [Dossier n°], mono(d.bundleId),
  [Créé le], [#d.createdAt (heure de Paris)],
  [Créé par], [#d.createdBy],
  [Clé de signature (Ed25519)], mono(d.fingerprint),
)
Chaque fichier ci-dessous est l'original reçu du téléphone de l'observateur, octet pour octet.
Son empreinte SHA-256 permet de vérifier qu'il n'a pas été modifié ; la signature du fichier
manifest.json se vérifie avec la clé publique de l'organisation (commande : npx vigie verify-bundle).
#if d.case != none [
  == Affaire
  #table(columns: (auto, 1fr), stroke: 0.4pt, ..d.case.map(r => ([#r.at(0)], [#r.at(1)])).flatten())
]
#for (i, f) in d.files.enumerate() [
  == Pièce #(i + 1) : #f.originalName
  #table(columns: (auto, 1fr), stroke: 0.4pt,
    [Fichier dans le dossier], mono(f.path),
    [SHA-256], mono(f.sha256),
    [Taille, type], [#f.size, #f.type],
    [Prise de vue], [#f.capturedAt],
    [Position GPS], [#f.gps],
    [Auteur], [#f.author (crédit : #f.credit)],
    [Reçu par le serveur], [#f.receivedAt],
    [Empreinte calculée par le téléphone], [#if f.deviceMatches [identique à celle du serveur] else [différente]],
    [Expulsion documentée], [#f.eviction],
  )
  *Chaîne de possession*
  #table(columns: (auto, 1fr, auto, auto), stroke: 0.4pt,
    [*Date*], [*Événement*], [*Par*], [*Empreinte du journal*],
    ..f.custody.map(c => (c.at(0), c.at(1), c.at(2), mono(c.at(3)))).flatten())
]
`;

export function manifestPdf(manifest: Manifest): Buffer {
  return renderPdf(TEMPLATE, view(manifest), new Date(manifest.createdAt));
}
