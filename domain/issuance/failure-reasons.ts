/**
 * The bounded classes of an issuance's failure reason, for the `reason` label of `issuances_failed_total`: the
 * stored reason is free text (an SMTP reply may quote the address), so a metric only ever sees its class.
 */
export const failureReasonClasses = ['smtp_refused', 'delivery_deadline', 'workflow_not_started', 'other'] as const;
export type FailureReasonClass = (typeof failureReasonClasses)[number];

/** How the delivery-deadline failure (activities/mail-failures.ts) begins its message. */
export const deliveryDeadlinePrefix = 'not delivered within ';
/** The reason recorded when Temporal did not take the issuance's workflow (domain/issuance/issuance-target.ts). */
export const workflowNotStartedReason = 'the workflow could not be started';

/**
 * The class of a recorded failure reason: a permanent SMTP refusal (the server's 5xx reply), the delivery
 * deadline passed while the server kept answering temporarily, the workflow never started, or anything else.
 */
export function classifyFailureReason(reason: string): FailureReasonClass {
  const text = reason.trimStart();
  if (text.startsWith(deliveryDeadlinePrefix)) return 'delivery_deadline';
  if (text.startsWith(workflowNotStartedReason)) return 'workflow_not_started';
  if (/^5\d\d(?:[ -]|$)/.test(text)) return 'smtp_refused';
  return 'other';
}
