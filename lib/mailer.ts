import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The same content as HTML (lib/mail/layout.ts); sent as multipart/alternative beside the text. */
  html?: string;
  /** A stable Message-ID: a retried send carries the same one, so receivers and catchers can drop the copy. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * A pooled transport: a few SMTP connections kept open and reused, instead of a connection (and TLS handshake)
 * per mail. The timeouts end a hung server's attempt well within the mail activity's 2-minute limit, so the
 * failure is classified (lib/smtp-errors.ts) rather than timed out.
 */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

export function messageIdFor(key: string, publicBaseUrl: string): string {
  return `<${key}@${new URL(publicBaseUrl).hostname}>`;
}
