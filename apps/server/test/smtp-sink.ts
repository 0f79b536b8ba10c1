import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export type ReceivedMail = { to: string[]; raw: string; /** The envelope sender (return path). */ from: string };

/** A real SMTP server on loopback that keeps what it receives, for asserting on sent mail. */
export async function startSmtpSink() {
  const mails: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  // SMTP connections opened so far: the pipeline keeps a pool instead of one per mail.
  const counts = { connections: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      counts.connections += 1;
      callback();
    },
    // A mailbox that is never reachable: "451" is a temporary refusal, which senders retry.
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('unreachable')) {
        const refusal = Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 });
        callback(refusal);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8'), from: mailFrom ? mailFrom.address : '' });
        waiters.splice(0).forEach((w) => w());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    mails,
    get connections() { return counts.connections; },
    /** Resolves with the first mail to `to` (waiting up to `ms`). */
    async waitFor(to: string, ms = 20_000): Promise<ReceivedMail> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = mails.find((m) => m.to.includes(to));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${ms} ms`);
        await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, 200); });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
