import { classifyFailureReason, failureReasonClasses } from '../../domain/issuance/failure-reasons';

/** The `reason` label of issuances_failed_total: a small fixed set, never the recorded text itself. */
describe('failure reason classes', () => {
  it.each([
    ['550 5.1.1 <nobody@example.test>: Recipient address rejected', 'smtp_refused'],
    ['554 5.7.1 rejected', 'smtp_refused'],
    ['552-5.2.2 mailbox full', 'smtp_refused'],
    ['not delivered within 240 minutes: 451 4.7.1 Greylisted, please try again', 'delivery_deadline'],
    ['not delivered within 0 minutes: connect ECONNREFUSED 127.0.0.1:25', 'delivery_deadline'],
    ['451 4.3.0 try again later', 'other'],
    ['5000 things went wrong', 'other'],
    ['PDF rendering failed: font missing', 'other'],
    ['', 'other'],
  ])('%j → %s', (reason, expected) => {
    expect(classifyFailureReason(reason)).toBe(expected);
  });

  it('answers only the fixed classes, whatever the text', () => {
    for (const reason of ['a@b.test refused', '550', 'not delivered', '\u0000\n5']) {
      expect(failureReasonClasses).toContain(classifyFailureReason(reason));
    }
  });
});
