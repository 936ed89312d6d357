import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDateTime, useI18n } from '../i18n';
import { accountStatusText } from '../issuance-words';
import { useSession } from '../session';

type Slot = 1 | 2 | 3;
type History = Schemas['Issuance'][];

/** An address its owner verified (clicked 認証する) or received credentials at: B may go there without a warning. */
function isVerifiedAddress(history: History, address: string | null | undefined): boolean {
  return (
    !!address && history.some((row) => row.emailAddress === address && (row.status === 'issued' || !!row.verifiedAt))
  );
}

/**
 * メール通知 for one employee: the address (メールアドレス1 preselected, 2 or 3), 認証要求メール送信 and its
 * 「認証要求メールを送信しました。」; for an employee who had a password, 再発行 (初期化: the old password stops
 * working when it starts) by A (認証要求メール送信) or B (アカウント通知メール送信, straight to the address; a
 * confirmation first when that address was never verified). On the PDF channel: the way to the PDF issuance.
 */
export function SingleEmailIssuance() {
  const { code = '' } = useParams();
  const { t, language } = useI18n();
  const { can, me } = useSession();
  const [account, setAccount] = useState<Schemas['Account']>();
  const [history, setHistory] = useState<History>([]);
  const [reissue, setReissue] = useState(false);
  const [slot, setSlot] = useState<Slot>(1);
  const [done, setDone] = useState<string>();
  const [askUnverified, setAskUnverified] = useState(false);
  const [error, setError] = useState<unknown>();

  const loadStatus = useCallback(async () => {
    const [loaded, issuances] = await Promise.all([
      must(api.GET('/api/accounts/{code}', { params: { path: { code } } })),
      must(api.GET('/api/accounts/{code}/issuances', { params: { path: { code } } })),
    ]);
    setAccount(loaded);
    setHistory(issuances.items);
    return loaded;
  }, [code]);

  useEffect(() => {
    const load = async () => {
      const loaded = await loadStatus();
      const firstSet = loaded.emails.findIndex((address) => address);
      if (firstSet >= 0) setSlot((firstSet + 1) as Slot);
      const preview = await must(api.POST('/api/pdf-issuances/preview', { body: { accountCodes: [code] } }));
      setReissue(preview.lines[0]?.reissue ?? false);
    };
    load().catch(setError);
  }, [code, loadStatus]);

  /**
   * Sends, says so in a dialog, and refreshes the status line once the mail server took the mail (the status is
   * written then, a moment after the answer), or after a few seconds at the latest.
   */
  const send = async (request: () => Promise<{ message: string; issuanceId: string }>) => {
    setError(undefined);
    try {
      const { message, issuanceId } = await request();
      setDone(message);
      for (let attempt = 0; attempt < 20; attempt++) {
        const history = (await must(api.GET('/api/accounts/{code}/issuances', { params: { path: { code } } }))).items;
        const status = history.find((row) => row.id === issuanceId)?.status;
        if (status !== 'sending' && status !== 'verified') break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await loadStatus();
    } catch (failure) {
      setError(failure);
    }
  };
  const sendVerification = () =>
    send(async () => {
      const answer = await must(
        api.POST('/api/accounts/{code}/email-issuances', { params: { path: { code } }, body: { emailSlot: slot } }),
      );
      return { message: t('verificationMailSent'), issuanceId: answer.id };
    });
  const sendCredentials = () =>
    send(async () => {
      const answer = await must(
        api.POST('/api/accounts/{code}/credential-mails', { params: { path: { code } }, body: { emailSlot: slot } }),
      );
      return { message: t('credentialMailDone', { address: answer.emailAddress }), issuanceId: answer.issuanceId };
    });

  if (!account) return <ErrorMessage error={error} />;
  const hasAddress = account.emails.some((address) => address);
  const mayAct = reissue ? can('issuance:reissue') : can('issuance:issue');
  const address = account.emails[slot - 1];
  const back = (
    <Link className="button" to="/accounts">
      {t('backToAccountManagement')}
    </Link>
  );
  const pdfLink = (
    <Link to="/pdf-issuance" state={{ codes: [account.code] }}>
      {t('pdfInstead')}
    </Link>
  );
  return (
    <section aria-labelledby="mail-title">
      <h1 id="mail-title">{reissue ? t('reissueTitle') : t('emailIssuanceTitle')}</h1>
      <dl className="facts">
        <dt>{t('accountCode')}</dt>
        <dd>{account.code}</dd>
        <dt>{t('name')}</dt>
        <dd>
          {account.lastName} {account.firstName}
        </dd>
        <dt>{t('status')}</dt>
        <dd data-testid="issuance-status">
          {accountStatusText(t, account).password} / {accountStatusText(t, account).auth}
          {account.authRequestedAt &&
            ` (${t('requestSentAt', { at: formatDateTime(account.authRequestedAt, language, me?.timeZone) })})`}
        </dd>
      </dl>
      {me?.issuanceChannel === 'pdf' ? (
        <>
          <p className="warning">{t('channelIsPdf')}</p>
          <p>{pdfLink}</p>
          <div className="buttons">{back}</div>
        </>
      ) : (
        <>
          {reissue && (
            <div className="warning">
              <p>{t('reissueLead')}</p>
              <p>
                <strong>{t('reissueResets')}</strong>
              </p>
              <p>{t('reissueALead')}</p>
              <p>{t('reissueBLead')}</p>
            </div>
          )}
          {hasAddress ? (
            <fieldset>
              <legend>{t('sendAddress')}</legend>
              {account.emails.map((option, index) => (
                <label key={index} className="check">
                  <input
                    type="radio"
                    name="slot"
                    value={index + 1}
                    checked={slot === index + 1}
                    disabled={!option}
                    onChange={() => setSlot((index + 1) as Slot)}
                  />
                  {t('addressN', { n: index + 1 })}: {option ?? t('notSet')}
                </label>
              ))}
            </fieldset>
          ) : (
            <p className="warning">{t('noAddress')}</p>
          )}
          <ErrorMessage error={error} />
          <div className="buttons">
            <button
              type="button"
              className="primary"
              disabled={!hasAddress || !mayAct}
              onClick={() => void sendVerification()}
            >
              {reissue ? t('reissueA') : t('sendVerificationRequest')}
            </button>
            {reissue && can('issuance:reissue') && (
              <button
                type="button"
                disabled={!hasAddress}
                onClick={() => (isVerifiedAddress(history, address) ? void sendCredentials() : setAskUnverified(true))}
              >
                {t('reissueB')}
              </button>
            )}
            {back}
          </div>
          <p>{pdfLink}</p>
        </>
      )}
      <ConfirmDialog
        open={askUnverified}
        title={t('unverifiedAddressTitle')}
        confirmLabel={t('reissueB')}
        onConfirm={() => {
          setAskUnverified(false);
          void sendCredentials();
        }}
        onCancel={() => setAskUnverified(false)}
      >
        <p className="warning">{t('unverifiedAddressConfirm', { address: address ?? '' })}</p>
      </ConfirmDialog>
      <ConfirmDialog open={!!done} title={t('notice')} onConfirm={() => setDone(undefined)}>
        <p>{done}</p>
      </ConfirmDialog>
    </section>
  );
}
