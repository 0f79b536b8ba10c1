import { onFirstUse } from '../on-first-use.js';

export type Mail = {
  to: string; subject: string; text: string;
  /** Bulk mail: List-Unsubscribe and friends. */
  headers?: Record<string, string>;
  /** The SMTP envelope sender (the per-recipient return path where bounces arrive). */
  returnPath?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
};
export type Mailer = {
  send(mail: Mail): Promise<void>;
  /** Closes the pooled SMTP connections (at shutdown). */
  close(): Promise<void>;
};

/**
 * SMTP from configuration. Without SMTP_URL (a laptop install), mail is written to the
 * server log so an administrator can still pass an invitation or reset link on by hand.
 */
export function createMailer(smtpUrl: string | undefined, from: string, log: (msg: string) => void, options: { connections?: number } = {}): Mailer {
  if (!smtpUrl) {
    return {
      async send(mail) {
        log(`Mail (no SMTP configured) to ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`);
      },
      async close() {},
    };
  }
  // A pool of open connections: a connection per mail (TCP, greeting, EHLO, TLS, AUTH each time)
  // was most of a mail's cost, and 5,000 of them in a row took minutes. The URL's own query
  // (?pool=false, ?maxConnections=2) wins over these defaults. nodemailer (about 13 MiB) is
  // loaded with the first mail sent.
  let opened: { close(): void } | undefined;
  const transport = onFirstUse(async () => {
    const t = (await import('nodemailer')).default.createTransport({ url: smtpUrl, pool: true, maxConnections: options.connections ?? 5, maxMessages: 1000 });
    opened = t;
    return t;
  });
  return {
    async close() {
      opened?.close();
    },
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
