import type { BulletinDocument } from './bulletinApi';

/** The bulletin as it will read, from the server's written-out document (the same words as every export). */
export function BulletinPreview({ doc }: { doc: BulletinDocument }) {
  return (
    <article class="bulletin-preview" lang={doc.lang} data-testid={`bulletin-preview-${doc.lang}`}>
      <h2>{doc.title}</h2>
      <p class="headline">{doc.headline}</p>
      <p><em>{doc.intro}</em></p>
      <h2>{doc.figuresHeading}</h2>
      <ul data-testid="bulletin-figures">{doc.figures.map((f) => <li key={f}>{f}</li>)}</ul>
      <h2>{doc.factsHeading}</h2>
      {doc.factGroups.map((g) => (
        <section key={g.heading}>
          <h3>{g.heading}</h3>
          <ul>{g.sentences.map((s) => <li key={s}>{s}</li>)}</ul>
        </section>
      ))}
      {doc.noFacts && <p>{doc.noFacts}</p>}
      {doc.context.length > 0 && <h2>{doc.contextHeading}</h2>}
      {doc.context.map((p, i) => <p key={i}>{p}</p>)}
      {doc.quotes.length > 0 && <h2>{doc.quotesHeading}</h2>}
      {doc.quotes.map((q, i) => <blockquote key={i} dir="auto" data-testid="bulletin-preview-quote">{q}</blockquote>)}
      {doc.photos.map((p) => (
        <figure key={p.evidenceId}>
          <img src={`/api/evidence/${p.evidenceId}/public`} alt={p.caption} />
          <figcaption>{[p.caption, p.credit].filter(Boolean).join(' — ')}</figcaption>
        </figure>
      ))}
      {doc.comparisonRows.length > 0 && (
        <>
          <h2>{doc.comparisonsHeading}</h2>
          <table>
            <thead><tr>{doc.comparisonColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>
              {doc.comparisonRows.map(([label, ...cells]) => (
                <tr key={label}><th scope="row">{label}</th>{cells.map((c, i) => <td key={i}>{c}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p class="muted">{doc.footer}</p>
    </article>
  );
}
