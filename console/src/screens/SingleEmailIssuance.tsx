import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, must, type Schemas } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDateTime, useI18n } from '../i18n';
import { useSession } from '../session';

type Slot = 1 | 2 | 3;

/**
 * メール通知 for one employee: the address (メールアドレス1 preselected, 2 or 3), 認証要求メール送信; for an employee who
 * had a password, the reissue choices A (認証要求メール送信, optionally cutting the old password off now) and
 * B (アカウント通知メール送信, straight to the address). No address: the PDF way instead.
 */
export function SingleEmailIssuance() {
  const { code = '' } = useParams();
  const { t, language } = useI18n();
  const { can } = useSession();
  const [account, setAccount] = useState<Schemas['Account']>();
  const [reissue, setReissue] = useState(false);
  const [slot, setSlot] = useState<Slot>(1);
  const [revoke, setRevoke] = useState(false);
  const [result, setResult] = useState<string[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const load = async () => {
      const loaded = await must(api.GET('/api/accounts/{code}', { params: { path: { code } } }));
      setAccount(loaded);
      const firstSet = loaded.emails.findIndex((address) => address);
      if (firstSet >= 0) setSlot((firstSet + 1) as Slot);
      const preview = await must(api.POST('/api/pdf-issuances/preview', { body: { accountCodes: [code] } }));
      setReissue(preview.lines[0]?.reissue ?? false);
    };
    load().catch(setError);
  }, [code]);

  const sendVerification = async () => {
    setError(undefined);
    try {
      const answer = await must(
        api.POST('/api/accounts/{code}/email-issuances', {
          params: { path: { code } },
          body: { emailSlot: slot, revokeCurrentPassword: reissue && revoke },
        }),
      );
      setResult([answer.message]);
    } catch (failure) {
      setError(failure);
    }
  };
  const sendCredentials = async () => {
    setError(undefined);
    try {
      const answer = await must(
        api.POST('/api/accounts/{code}/credential-mails', { params: { path: { code } }, body: { emailSlot: slot } }),
      );
      setResult([t('credentialMailSent', { address: answer.emailAddress }), ...answer.warnings.map((w) => w.message)]);
    } catch (failure) {
      setError(failure);
    }
  };

  if (!account) return <ErrorMessage error={error} />;
  const hasAddress = account.emails.some((address) => address);
  const mayAct = reissue ? can('issuance:reissue') : can('issuance:issue');
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
        <dd>
          {account.statusLabels.password} / {account.statusLabels.auth}
          {account.authRequestedAt &&
            ` (${t('requestSentAt', { at: formatDateTime(account.authRequestedAt, language) })})`}
        </dd>
      </dl>
      {reissue && <p className="warning">{t('reissueLead')}</p>}
      {hasAddress ? (
        <fieldset>
          <legend>{t('sendAddress')}</legend>
          {account.emails.map((address, index) => (
            <label key={index} className="check">
              <input
                type="radio"
                name="slot"
                value={index + 1}
                checked={slot === index + 1}
                disabled={!address}
                onChange={() => setSlot((index + 1) as Slot)}
              />
              {t('addressN', { n: index + 1 })}: {address ?? t('notSet')}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="warning">{t('noAddress')}</p>
      )}
      {reissue && can('issuance:reissue') && (
        <label className="check">
          <input type="checkbox" checked={revoke} onChange={(event) => setRevoke(event.target.checked)} />
          {t('revokeNow')}
        </label>
      )}
      <ErrorMessage error={error} />
      {result?.map((line) => (
        <p key={line} className="notice" role="status">
          {line}
        </p>
      ))}
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
          <button type="button" disabled={!hasAddress} onClick={() => void sendCredentials()}>
            {t('reissueB')}
          </button>
        )}
        <Link className="button" to="/accounts">
          {t('backToList')}
        </Link>
      </div>
      <p>
        <Link to="/pdf-issuance" state={{ codes: [account.code] }}>
          {t('pdfInstead')}
        </Link>
      </p>
    </section>
  );
}
