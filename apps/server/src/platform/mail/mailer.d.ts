export type Mail = {
    to: string;
    subject: string;
    text: string;
};
export type Mailer = {
    send(mail: Mail): Promise<void>;
};
/**
 * SMTP from configuration. Without SMTP_URL (a laptop install), mail is written to the
 * server log so an administrator can still pass an invitation or reset link on by hand.
 */
export declare function createMailer(smtpUrl: string | undefined, from: string, log: (msg: string) => void): Mailer;
