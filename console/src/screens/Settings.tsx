import { useEffect, useState, type FormEvent } from 'react';
import { api, must, type Schemas } from '../api/client';
import { ErrorMessage, fieldError } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { ScimProvisioning } from './ScimProvisioning';

type Settings = Schemas['CompanySettings'];
type Editable = Omit<Settings, 'companyCode'>;

const numberFields = [
  'verificationValidityHours',
  'minPasswordLength',
  'lockoutThreshold',
  'lockoutWindowDays',
] as const;
const textFields = ['companyName', 'serviceName', 'appDownloadUrl', 'browserUrl', 'timeZone'] as const;
const flagFields = ['mfaEnabled', 'azureAdEnabled', 'smartphoneOptionEnabled'] as const;
const choiceFields: {
  key: 'issuanceChannel' | 'locale' | 'accountCodeNumbering' | 'workStylePolicy';
  options: string[];
}[] = [
  { key: 'issuanceChannel', options: ['email', 'pdf'] },
  { key: 'locale', options: ['ja', 'en'] },
  { key: 'accountCodeNumbering', options: ['manual', 'auto'] },
  { key: 'workStylePolicy', options: ['both', 'general-only', 'flex-only'] },
];

/** 基本設定: issuance channel, validity, service name, URLs, password and lockout policy, MFA, time zone, language. */
export function Settings() {
  const { t } = useI18n();
  const { can } = useSession();
  const [settings, setSettings] = useState<Settings>();
  const [draft, setDraft] = useState<Partial<Record<keyof Editable, string | boolean>>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const writable = can('settings:write');

  useEffect(() => {
    if (!can('settings:read')) return;
    must(api.GET('/api/settings')).then((loaded) => {
      setSettings(loaded);
      setDraft(
        Object.fromEntries(
          Object.entries(loaded).map(([key, value]) => [key, typeof value === 'boolean' ? value : String(value ?? '')]),
        ),
      );
    }, setError);
  }, [can]);

  if (!can('settings:read')) {
    return (
      <p className="error" role="alert">
        {t('notPermitted')}
      </p>
    );
  }
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    const body: Record<string, unknown> = {};
    for (const key of textFields) {
      const value = draft[key] as string;
      body[key] = value === '' && (key === 'appDownloadUrl' || key === 'browserUrl') ? null : value;
    }
    for (const key of numberFields) body[key] = Number(draft[key]);
    for (const key of flagFields) body[key] = draft[key];
    for (const { key } of choiceFields) body[key] = draft[key];
    try {
      setSettings(await must(api.PATCH('/api/settings', { body: body as Schemas['UpdateCompanySettingsRequest'] })));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settingsTitle')}</h1>
      {settings && (
        <p>
          {t('companyCode')}: {settings.companyCode}
        </p>
      )}
      <ErrorMessage error={error} />
      {saved && (
        <p className="notice" role="status">
          {t('saved')}
        </p>
      )}
      <form onSubmit={(event) => void save(event)} noValidate>
        <div className="form-grid">
          {choiceFields.map(({ key, options }) => (
            <div className="field" key={key}>
              <label htmlFor={`setting-${key}`}>{t(`setting_${key}`)}</label>
              <select
                id={`setting-${key}`}
                value={String(draft[key] ?? '')}
                disabled={!writable}
                onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
              >
                {options.map((option) => (
                  <option key={option} value={option}>
                    {t(`option_${option.replace('-', '_')}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {[...textFields, ...numberFields].map((key) => (
            <TextField
              key={key}
              label={t(`setting_${key}`)}
              type={numberFields.includes(key as (typeof numberFields)[number]) ? 'number' : 'text'}
              value={String(draft[key] ?? '')}
              disabled={!writable}
              onChange={(value) => setDraft({ ...draft, [key]: value })}
              error={fieldError(error, key)}
            />
          ))}
        </div>
        {flagFields.map((key) => (
          <label key={key} className="check">
            <input
              type="checkbox"
              checked={!!draft[key]}
              disabled={!writable}
              onChange={(event) => setDraft({ ...draft, [key]: event.target.checked })}
            />
            {t(`setting_${key}`)}
          </label>
        ))}
        {writable && (
          <p>
            <button type="submit" className="primary">
              {t('update')}
            </button>
          </p>
        )}
      </form>
      {writable && <ScimProvisioning />}
    </section>
  );
}
