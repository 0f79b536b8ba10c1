/** ids for the hint and error of a field, joined for `aria-describedby`. */
export function describedBy(id: string, hint?: string | null, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
