import { onFirstUse } from '../on-first-use.js';

export type Mail = {
  to: string; subject: string; text: string;
  /** Bulk mail: List-Unsubscribe and friends. */
  headers?: Record<string, string>;
  /** The SMTP envelope sender (the per-recipient return path where bounces arrive). */
  returnPath?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
};
export type Mailer = { send(mail: Mail): Promise<void> };

/**
 * SMTP from configuration. Without SMTP_URL (a laptop install), mail is written to the
 * server log so an administrator can still pass an invitation or reset link on by hand.
 */
export function createMailer(smtpUrl: string | undefined, from: string, log: (msg: string) => void): Mailer {
  if (!smtpUrl) {
    return {
      async send(mail) {
        log(`Mail (no SMTP configured) to ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`);
      },
    };
  }
  // nodemailer (about 13 MiB) is loaded with the first mail sent.
  const transport = onFirstUse(async () => (await import('nodemailer')).default.createTransport(smtpUrl));
  return {
    async send(mail) {
      await (await transport()).sendMail({
        from, to: mail.to, subject: mail.subject, text: mail.text,
        ...(mail.headers && { headers: mail.headers }),
        ...(mail.returnPath && { envelope: { from: mail.returnPath, to: mail.to } }),
        ...(mail.attachments && { attachments: mail.attachments }),
      });
    },
  };
}
