import type { ComponentChildren } from 'preact';

/** One block of a role's home page, titled for assistive technology. */
export function HomeCard({ title, testId, children }: { title: string; testId: string; children: ComponentChildren }) {
  const id = `${testId}-title`;
  return (
    <section class="card home-card" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
