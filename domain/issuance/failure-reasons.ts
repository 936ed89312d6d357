/**
 * The bounded classes of an issuance's failure reason, for the `reason` label of `issuances_failed_total`: the
 * stored reason is free text (an SMTP reply may quote the address), so a metric only ever sees its class.
 */
export const failureReasonClasses = ['smtp_refused', 'delivery_deadline', 'other'] as const;
export type FailureReasonClass = (typeof failureReasonClasses)[number];

/** How the delivery-deadline failure (activities/mail-failures.ts) begins its message. */
export const deliveryDeadlinePrefix = 'not delivered within ';

/**
 * The class of a recorded failure reason: a permanent SMTP refusal (the server's 5xx reply), the delivery
 * deadline passed while the server kept answering temporarily, or anything else (an issuance whose workflow
 * could not be started is never recorded: see start-before-commit.ts).
 */
export function classifyFailureReason(reason: string): FailureReasonClass {
  const text = reason.trimStart();
  if (text.startsWith(deliveryDeadlinePrefix)) return 'delivery_deadline';
  if (/^5\d\d(?:[ -]|$)/.test(text)) return 'smtp_refused';
  return 'other';
}
