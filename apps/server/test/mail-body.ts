/**
 * The text of a raw mail as a reader would see it: nodemailer sends French text as
 * quoted-printable, which breaks long lines (`=\r\n`) and escapes `=` and UTF-8 bytes (`=3D`, `=C3=A9`).
 */
export function mailText(raw: string): string {
  const [, ...body] = raw.split(/\r?\n\r?\n/);
  const text = body.join('\n\n');
  const isQuotedPrintable = /content-transfer-encoding:\s*quoted-printable/i.test(raw);
  if (!isQuotedPrintable) return text;
  return text
    .replace(/=\r?\n/g, '')
    .replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replaceAll('=', ''), 'hex').toString('utf8'));
}

/** The first link to `path` in a mail, e.g. linkIn(raw, '/reset/confirm'). */
export function linkIn(raw: string, path: string): string | undefined {
  const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return mailText(raw).match(new RegExp(`https?://[^\\s]+${escaped}\\?token=[A-Za-z0-9_-]+`))?.[0];
}
