import { issuanceStatuses, type IssuanceChannel, type IssuanceStatus } from '../../entities';
import type { IssuanceKind } from '../../contract';
import {
  IllegalTransitionError,
  IssuanceTransitions,
  mayTransition,
  recordOperatorPassword,
  transitionNames,
  type AccountState,
  type IssuanceState,
  type TransitionName,
} from '../../domain/issuance/state-machine';

/**
 * The issuance state machine, every transition from every state on both channels, without a database: what is
 * allowed moves the issuance and the account and leaves one event; what is refused throws ILLEGAL_TRANSITION
 * and changes nothing.
 */

const at = new Date('2026-12-05T01:00:00Z');
const later = new Date('2026-12-05T02:00:00Z');

function issuanceIn(status: IssuanceStatus, channel: IssuanceChannel, kind: IssuanceKind = 'initial'): IssuanceState {
  return { id: 'iss-1', status, channel, kind, sealedToken: 'sealed-token', sealedPassword: 'sealed-password' };
}

function accountIn(state: Partial<AccountState> = {}): AccountState {
  return { passwordStatus: 'unissued', authStatus: 'none', passwordHash: 'hash', ...state };
}

/** Runs one transition with arguments fitting it. */
function run(
  transitions: IssuanceTransitions,
  name: Exclude<TransitionName, 'open'>,
  issuance: IssuanceState,
  account: AccountState,
): void {
  switch (name) {
    case 'recordVerificationSent':
      return transitions.recordVerificationSent(issuance, account, {
        sentAt: at,
        validityMs: 3_600_000,
        messageId: '<m@x>',
      });
    case 'confirm':
      return transitions.confirm(issuance, account, at);
    case 'withdrawConfirmation':
      return transitions.withdrawConfirmation(issuance, account);
    case 'recordPasswordIssued':
      return transitions.recordPasswordIssued(issuance, account, { at, credentialsMessageId: '<c@x>' });
    case 'expire':
      return transitions.expire(issuance, account, at, false);
    case 'fail':
      return transitions.fail(issuance, 'refused', at);
    case 'supersede':
      return transitions.supersede(issuance, at);
    case 'expireUnfetchedNotice':
      return transitions.expireUnfetchedNotice(issuance, account);
  }
}

/** The one table the machine must follow, written out by hand from the product document's flows. */
const expected: Record<
  Exclude<TransitionName, 'open'>,
  Record<IssuanceChannel, Partial<Record<IssuanceStatus, IssuanceStatus>>>
> = {
  recordVerificationSent: { email: { sending: 'pending' }, pdf: {} },
  confirm: { email: { sending: 'verified', pending: 'verified' }, pdf: {} },
  withdrawConfirmation: { email: { verified: 'pending' }, pdf: {} },
  recordPasswordIssued: { email: { verified: 'issued' }, pdf: { sending: 'issued' } },
  expire: { email: { sending: 'expired', pending: 'expired' }, pdf: {} },
  fail: {
    email: { sending: 'failed', pending: 'failed', verified: 'failed' },
    pdf: { sending: 'failed', pending: 'failed', verified: 'failed' },
  },
  supersede: {
    email: { sending: 'superseded', pending: 'superseded', verified: 'superseded' },
    pdf: { sending: 'superseded', pending: 'superseded', verified: 'superseded' },
  },
  expireUnfetchedNotice: { email: {}, pdf: { issued: 'expired' } },
};

const cases = (Object.keys(expected) as (keyof typeof expected)[]).flatMap((name) =>
  (['email', 'pdf'] as const).flatMap((channel) =>
    issuanceStatuses.map((from) => ({ name, channel, from, to: expected[name][channel][from] })),
  ),
);

describe('every transition from every state', () => {
  it('covers every named transition but open', () => {
    expect(Object.keys(expected).sort()).toEqual(transitionNames.filter((name) => name !== 'open').sort());
  });

  it.each(cases.filter((c) => c.to))('$name on $channel from $from → $to', ({ name, channel, from, to }) => {
    const transitions = new IssuanceTransitions();
    const issuance = issuanceIn(from, channel);
    expect(mayTransition(name, from, channel)).toBe(true);
    run(
      transitions,
      name,
      issuance,
      accountIn({ passwordStatus: 'issued', passwordIssuedVia: 'pdf', authStatus: 'pending' }),
    );
    expect(issuance.status).toBe(to);
    const reason = name === 'fail' ? { reason: 'refused' } : {};
    expect(transitions.events).toEqual([{ name, issuanceId: 'iss-1', channel, from, to, ...reason }]);
  });

  it.each(cases.filter((c) => !c.to))('$name on $channel from $from is refused', ({ name, channel, from }) => {
    const transitions = new IssuanceTransitions();
    const issuance = issuanceIn(from, channel);
    const account = accountIn({ authStatus: 'pending' });
    const before = { issuance: { ...issuance }, account: { ...account } };
    expect(mayTransition(name, from, channel)).toBe(false);
    let thrown: unknown;
    try {
      run(transitions, name, issuance, account);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    expect(thrown).toMatchObject({ kind: 'conflict', code: 'ILLEGAL_TRANSITION', field: 'status' });
    expect(issuance).toEqual(before.issuance);
    expect(account).toEqual(before.account);
    expect(transitions.events).toEqual([]);
  });
});

describe('what each transition writes', () => {
  it('open: sending, or verified for a direct reissue by mail; a PDF reissue still renders from sending', () => {
    const transitions = new IssuanceTransitions();
    const mail = issuanceIn('failed', 'email');
    const direct = issuanceIn('failed', 'email', 'reissue-direct');
    const pdf = issuanceIn('failed', 'pdf', 'reissue-direct');
    transitions.open(mail);
    transitions.open(direct);
    transitions.open(pdf);
    expect([mail.status, direct.status, pdf.status]).toEqual(['sending', 'verified', 'sending']);
    expect(transitions.events.map((event) => [event.name, event.from, event.to])).toEqual([
      ['open', null, 'sending'],
      ['open', null, 'verified'],
      ['open', null, 'sending'],
    ]);
  });

  it('recordVerificationSent: 発行中/認証待ち for a first issuance, 再発行中 for a reissue; the kept token goes', () => {
    const transitions = new IssuanceTransitions();
    const first = issuanceIn('sending', 'email');
    const account = accountIn();
    transitions.recordVerificationSent(first, account, { sentAt: at, validityMs: 3_600_000, messageId: '<v@x>' });
    expect(first).toMatchObject({
      verificationSentAt: at,
      expiresAt: later,
      verificationMessageId: '<v@x>',
      sealedToken: undefined,
    });
    expect(account).toMatchObject({ passwordStatus: 'issuing', authStatus: 'pending', authRequestedAt: at });

    const reissue = issuanceIn('sending', 'email', 'reissue-verify');
    const issued = accountIn({ passwordStatus: 'issued', authStatus: 'verified' });
    transitions.recordVerificationSent(reissue, issued, { sentAt: at, validityMs: 1, messageId: '<w@x>' });
    expect(issued).toMatchObject({ passwordStatus: 'reissuing', authStatus: 'pending' });
  });

  it('confirm and withdrawConfirmation: 済 and back to 認証待ち, the token used and given back', () => {
    const transitions = new IssuanceTransitions();
    const issuance = issuanceIn('pending', 'email');
    const account = accountIn({ passwordStatus: 'issuing', authStatus: 'pending' });
    transitions.confirm(issuance, account, at);
    expect(issuance).toMatchObject({ status: 'verified', verifiedAt: at, tokenConsumedAt: at });
    expect(account.authStatus).toBe('verified');
    transitions.withdrawConfirmation(issuance, account);
    expect(issuance).toMatchObject({ status: 'pending', verifiedAt: undefined, tokenConsumedAt: undefined });
    expect(account.authStatus).toBe('pending');
  });

  it('withdrawConfirmation is refused once the credentials went out', () => {
    const issuance = { ...issuanceIn('verified', 'email'), issuedAt: at };
    expect(() => new IssuanceTransitions().withdrawConfirmation(issuance, accountIn())).toThrow(IllegalTransitionError);
    expect(issuance.status).toBe('verified');
  });

  it('recordPasswordIssued: one block for mail (発行済/済) and PDF (PDF発行済/未), kept password deleted', () => {
    const transitions = new IssuanceTransitions();
    const mail = issuanceIn('verified', 'email');
    const mailed = accountIn({ passwordStatus: 'issuing', authStatus: 'verified' });
    transitions.recordPasswordIssued(mail, mailed, { at, credentialsMessageId: '<c@x>' });
    expect(mail).toMatchObject({
      status: 'issued',
      issuedAt: at,
      endedAt: at,
      credentialsMessageId: '<c@x>',
      sealedPassword: undefined,
    });
    expect(mailed).toMatchObject({ passwordStatus: 'issued', passwordIssuedVia: 'email', authStatus: 'verified' });

    const pdf = issuanceIn('sending', 'pdf');
    const printed = accountIn({ passwordStatus: 'issuing', authStatus: 'pending' });
    transitions.recordPasswordIssued(pdf, printed, { at });
    expect(pdf).toMatchObject({ status: 'issued', issuedAt: at, endedAt: at });
    expect(printed).toMatchObject({ passwordStatus: 'issued', passwordIssuedVia: 'pdf', authStatus: 'none' });
  });

  it('expire: 期限切れ only when no other link of the round still waits', () => {
    const transitions = new IssuanceTransitions();
    const alone = accountIn({ authStatus: 'pending' });
    const issuance = issuanceIn('pending', 'email');
    transitions.expire(issuance, alone, at, false);
    expect(issuance).toMatchObject({ status: 'expired', endedAt: at, sealedToken: undefined });
    expect(alone.authStatus).toBe('expired');

    const withAnotherLink = accountIn({ authStatus: 'pending' });
    transitions.expire(issuanceIn('pending', 'email'), withAnotherLink, at, true);
    expect(withAnotherLink.authStatus).toBe('pending');

    const alreadyVerified = accountIn({ authStatus: 'verified' });
    transitions.expire(issuanceIn('sending', 'email'), alreadyVerified, at, false);
    expect(alreadyVerified.authStatus).toBe('verified');
  });

  it('fail and supersede end the issuance and delete every kept secret', () => {
    const transitions = new IssuanceTransitions();
    const failed = issuanceIn('verified', 'email');
    transitions.fail(failed, 'x'.repeat(600), at);
    expect(failed).toMatchObject({ status: 'failed', endedAt: at, sealedToken: undefined, sealedPassword: undefined });
    expect(failed.failureReason).toHaveLength(500);
    const replaced = issuanceIn('pending', 'email');
    transitions.supersede(replaced, at);
    expect(replaced).toMatchObject({
      status: 'superseded',
      endedAt: at,
      sealedToken: undefined,
      sealedPassword: undefined,
    });
  });

  it('expireUnfetchedNotice: PDF発行済 → PDF未取得/期限切れ without a password; another state of the account stays', () => {
    const transitions = new IssuanceTransitions();
    const waiting = accountIn({ passwordStatus: 'issued', passwordIssuedVia: 'pdf', passwordHash: 'h' });
    transitions.expireUnfetchedNotice(issuanceIn('issued', 'pdf'), waiting);
    expect(waiting).toMatchObject({
      passwordStatus: 'notice-expired',
      passwordIssuedVia: undefined,
      passwordHash: undefined,
    });

    const mailedSince = accountIn({ passwordStatus: 'issued', passwordIssuedVia: 'email', passwordHash: 'h' });
    transitions.expireUnfetchedNotice(issuanceIn('issued', 'pdf'), mailedSince);
    expect(mailedSince).toMatchObject({ passwordStatus: 'issued', passwordIssuedVia: 'email', passwordHash: 'h' });
  });

  it('recordOperatorPassword: the bootstrap administrator holds a password: 発行済', () => {
    const account = accountIn();
    recordOperatorPassword(account);
    expect(account.passwordStatus).toBe('issued');
  });
});
