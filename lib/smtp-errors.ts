/**
 * What a failed SMTP delivery means for the next attempt, from nodemailer's error:
 *  - `permanent`: the server refused the mail or the recipient with a 5xx reply (550 5.1.1 unknown user, 554
 *    rejected…). Sending it again gets the same answer, so the issuance fails with the reply as the reason.
 *  - `temporary`: a 4xx reply (451 try again later, 421 closing…), a connection, DNS, TLS or timeout problem,
 *    a failed login to the relay (our configuration, fixable without a new issuance), or anything unknown.
 *    Retried with bounded backoff until the delivery deadline.
 * 503 (bad sequence of commands) is a protocol hiccup, not a verdict on the mail, so it counts as temporary,
 * as nodemailer's own `permanent` flag does.
 */
export type SmtpFailureClass = 'permanent' | 'temporary';

export interface SmtpFailure {
  failureClass: SmtpFailureClass;
  /** The server's reply (`550 5.1.1 …`) when there was one, else the error's message. */
  reason: string;
  /** SMTP reply code, when the server answered. */
  responseCode?: number;
}

interface NodemailerError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

export function classifySmtpError(error: unknown): SmtpFailure {
  const details = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const reply = typeof details.response === 'string' ? details.response.trim() : undefined;
  const message = typeof details.message === 'string' ? details.message : String(error);
  const reason = (reply || message).slice(0, 500);
  const permanent =
    responseCode !== undefined &&
    responseCode >= 500 &&
    responseCode < 600 &&
    responseCode !== 503 &&
    details.code !== 'EAUTH';
  return { failureClass: permanent ? 'permanent' : 'temporary', reason, ...(responseCode ? { responseCode } : {}) };
}
