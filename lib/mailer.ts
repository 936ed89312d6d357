import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
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
  const smtp = new URL(smtpUrl);
  const smtpAttributes = {
    'server.address': smtp.hostname,
    'server.port': Number(smtp.port) || (smtp.protocol === 'smtps:' ? 465 : 25),
  };
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    send: (mail) =>
      // A span per send (no nodemailer instrumentation exists), in the trace of the activity that sends it; the
      // no-op tracer's when tracing is off. No address or subject on it: spans leave the service.
      tracer.startActiveSpan('smtp send', { kind: SpanKind.CLIENT, attributes: smtpAttributes }, async (span) => {
        try {
          const info = await transport.sendMail({ from, ...mail });
          return { messageId: info.messageId };
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      }),
    close: () => transport.close(),
  };
}

const tracer = trace.getTracer('workforce-mailer');

export function messageIdFor(key: string, publicBaseUrl: string): string {
  return `<${key}@${new URL(publicBaseUrl).hostname}>`;
}
