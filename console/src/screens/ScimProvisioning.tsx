import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, must, type Schemas } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { ErrorMessage, fieldError } from '../components/ErrorMessage';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { formatDateTime, useI18n } from '../i18n';
import { useSession } from '../session';

type Token = Schemas['ScimToken'];
type Created = Token & { token: string };
type Defaults = Schemas['ScimProvisioningDefaults'];

const accountTypes = ['own', 'contractor', 'customer'] as const;
const codeFields = [
  ['departmentCode', 'scimDefaultDepartment'],
  ['controlDepartmentCode', 'scimDefaultControlDepartment'],
  ['reportingControlDepartmentCode', 'scimDefaultReportingControlDepartment'],
] as const;

/** A value copied to the clipboard, with a spoken confirmation; a browser that refuses leaves the text selectable. */
function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <button type="button" aria-label={`${t('scimCopy')}: ${label}`} onClick={() => void copy()}>
        {t('scimCopy')}
      </button>
      {copied && (
        <span className="notice" role="status">
          {t('scimCopied')}
        </span>
      )}
    </>
  );
}

/** The roles a token or the defaults may act with: the company's roles when readable, else the code typed. */
function RoleField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  roles: Schemas['Role'][];
  error?: string;
}) {
  if (props.roles.length === 0) return <TextField {...props} />;
  return (
    <SelectField
      {...props}
      options={props.roles
        .filter((role) => role.code !== 'system-admin')
        .map((role) => ({ value: role.code, label: `${role.name} (${role.code})` }))}
    />
  );
}

/** Make a token: its secret is shown once, with a copy button and the warning that it will not be shown again. */
function TokenForm({ roles, onCreated }: { roles: Schemas['Role'][]; onCreated(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [roleCode, setRoleCode] = useState('');
  const [created, setCreated] = useState<Created>();
  const [error, setError] = useState<unknown>();
  const chosenRole = roleCode || (roles.find((role) => role.code !== 'system-admin')?.code ?? '');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      setCreated(await must(api.POST('/api/scim/tokens', { body: { name, roleCode: chosenRole } })));
      setName('');
      onCreated();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <form onSubmit={(event) => void create(event)} noValidate aria-label={t('scimTokenCreate')}>
        <ErrorMessage error={error} />
        <div className="form-grid">
          <TextField
            label={t('scimTokenName')}
            value={name}
            onChange={setName}
            required
            maxLength={100}
            error={fieldError(error, 'name')}
          />
          <RoleField
            label={t('scimTokenRole')}
            value={chosenRole}
            onChange={setRoleCode}
            roles={roles}
            error={fieldError(error, 'roleCode')}
          />
        </div>
        <p>
          <button type="submit" className="primary">
            {t('scimTokenCreate')}
          </button>
        </p>
      </form>
      {created && (
        <section className="warning" aria-labelledby="scim-secret-title">
          <h3 id="scim-secret-title">{t('scimSecret', { name: created.name })}</h3>
          <p className="warning-text" role="alert">
            {t('scimSecretWarning')}
          </p>
          <p className="buttons">
            <code data-testid="scim-secret">{created.token}</code>
            <CopyButton text={created.token} label={t('scimSecret', { name: created.name })} />
            <button type="button" onClick={() => setCreated(undefined)}>
              {t('scimSecretDone')}
            </button>
          </p>
        </section>
      )}
    </>
  );
}

/** The defaults of what SCIM does not carry (GET/PATCH /api/scim/provisioning). */
function DefaultsForm({ roles }: { roles: Schemas['Role'][] }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Defaults>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    must(api.GET('/api/scim/provisioning')).then(setDraft, setError);
  }, []);
  if (!draft) return <ErrorMessage error={error} />;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      const body = { ...draft, rankCode: draft.rankCode?.trim() ? draft.rankCode.trim() : null };
      setDraft(await must(api.PATCH('/api/scim/provisioning', { body })));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form onSubmit={(event) => void save(event)} noValidate aria-labelledby="scim-defaults-title">
      <h3 id="scim-defaults-title">{t('scimDefaults')}</h3>
      <p>{t('scimDefaultsIntro')}</p>
      <ErrorMessage error={error} />
      {saved && (
        <p className="notice" role="status">
          {t('saved')}
        </p>
      )}
      <div className="form-grid">
        <SelectField
          label={t('scimDefaultType')}
          value={draft.type}
          onChange={(value) => setDraft({ ...draft, type: value as Defaults['type'] })}
          options={accountTypes.map((type) => ({ value: type, label: t(`type_${type}`) }))}
          error={fieldError(error, 'type')}
        />
        <RoleField
          label={t('scimDefaultRole')}
          value={draft.roleCode}
          onChange={(roleCode) => setDraft({ ...draft, roleCode })}
          roles={roles}
          error={fieldError(error, 'roleCode')}
        />
        {codeFields.map(([key, label]) => (
          <TextField
            key={key}
            label={t(label)}
            value={draft[key]}
            onChange={(value) => setDraft({ ...draft, [key]: value })}
            error={fieldError(error, key)}
          />
        ))}
        <TextField
          label={t('scimDefaultRank')}
          value={draft.rankCode ?? ''}
          onChange={(rankCode) => setDraft({ ...draft, rankCode })}
          error={fieldError(error, 'rankCode')}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.issueOnCreate}
          onChange={(event) => setDraft({ ...draft, issueOnCreate: event.target.checked })}
        />
        {t('scimDefaultIssueOnCreate')}
      </label>
      <p>
        <button type="submit" className="primary">
          {t('scimDefaultsSave')}
        </button>
      </p>
    </form>
  );
}

/**
 * 「SCIM プロビジョニング」 under 基本設定 (issue 22), for an administrator with settings:write: the tenant URL to
 * paste into Entra ID or Okta, the SCIM tokens (make, list with last use, revoke) and the provisioning defaults.
 */
export function ScimProvisioning() {
  const { t, language } = useI18n();
  const { can, me } = useSession();
  const [tokens, setTokens] = useState<{ tenantUrl: string; items: Token[] }>();
  const [roles, setRoles] = useState<Schemas['Role'][]>([]);
  const [revoking, setRevoking] = useState<Token>();
  const [revoked, setRevoked] = useState<string>();
  const [error, setError] = useState<unknown>();
  const readRoles = can('reference:read');

  const load = useCallback(() => must(api.GET('/api/scim/tokens')).then(setTokens, setError), []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (readRoles)
      must(api.GET('/api/roles')).then(
        (answer) => setRoles(answer.items),
        () => undefined,
      );
  }, [readRoles]);

  const revoke = async (token: Token) => {
    setRevoking(undefined);
    setError(undefined);
    try {
      await must(api.DELETE('/api/scim/tokens/{id}', { params: { path: { id: token.id } } }));
      await load();
      setRevoked(token.name);
    } catch (failure) {
      setError(failure);
    }
  };
  const when = (iso: string | null) => formatDateTime(iso, language, me?.timeZone, 'seconds');
  // The API's own public URL (PUBLIC_BASE_URL), shown once the server answered: a console reached under another
  // name still shows where the directory must call, never its own address in the meantime.
  const tenantUrl = tokens?.tenantUrl;

  return (
    <section aria-labelledby="scim-title" className="scim">
      <h2 id="scim-title">{t('scimTitle')}</h2>
      <p>{t('scimIntro')}</p>
      <p className="buttons">
        <span>{t('scimTenantUrl')}:</span>
        <code data-testid="scim-tenant-url">{tenantUrl ?? '…'}</code>
        {tenantUrl && <CopyButton text={tenantUrl} label={t('scimTenantUrl')} />}
      </p>
      <h3>{t('scimTokens')}</h3>
      <ErrorMessage error={error} />
      {revoked && (
        <p className="notice" role="status">
          {t('scimRevoked', { name: revoked })}
        </p>
      )}
      <TokenForm roles={roles} onCreated={() => void load()} />
      {tokens && tokens.items.length === 0 && <p>{t('scimTokenNone')}</p>}
      {tokens && tokens.items.length > 0 && (
        <DataTable
          caption={t('scimTokens')}
          headers={[
            t('scimTokenName'),
            t('scimTokenRole'),
            t('scimTokenCreatedBy'),
            t('scimTokenCreatedAt'),
            t('scimTokenLastUsed'),
            t('scimTokenState'),
            '',
          ]}
          rows={tokens.items.map((token) => ({
            key: token.id,
            cells: [
              token.name,
              token.roleCode,
              token.createdBy,
              when(token.createdAt),
              token.lastUsedAt ? when(token.lastUsedAt) : t('scimTokenNeverUsed'),
              token.revokedAt ? t('scimTokenRevoked', { at: when(token.revokedAt) }) : t('scimTokenActive'),
              token.revokedAt ? null : (
                <button
                  type="button"
                  aria-label={`${t('scimTokenRevoke')}: ${token.name}`}
                  onClick={() => setRevoking(token)}
                >
                  {t('scimTokenRevoke')}
                </button>
              ),
            ],
          }))}
        />
      )}
      <ConfirmDialog
        open={!!revoking}
        title={t('scimRevokeTitle')}
        confirmLabel={t('scimTokenRevoke')}
        onConfirm={() => revoking && void revoke(revoking)}
        onCancel={() => setRevoking(undefined)}
      >
        <p>{t('scimRevokeQuestion', { name: revoking?.name ?? '' })}</p>
      </ConfirmDialog>
      <DefaultsForm roles={roles} />
    </section>
  );
}
