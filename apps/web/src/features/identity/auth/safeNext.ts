/** Only same-app paths may be used as a post-login destination (no open redirect to `//evil`). */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
