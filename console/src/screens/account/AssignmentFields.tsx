import type { Schemas } from '../../api/client';
import { CodeField } from '../../components/CodeField';
import { fieldError } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import type { Assignment } from './form-model';
import { useDepartments, useReportingDepartments } from './references';

type Role = Schemas['Role'];

/** An assignment as the API answers it: each code with its name (the current one, or the pending transfer). */
export type KnownNames = Omit<Schemas['Account']['current'], 'effectiveDate' | 'roleCode' | 'roleName'>;

interface AssignmentFieldsProps {
  value: Assignment;
  onChange(next: Assignment): void;
  /** How the API names these fields in its errors: `current.` on the account, nothing on a transfer. */
  errorPrefix: string;
  error: unknown;
  /** Roles the admin may hand out; a role it may not (kept as it is) is shown but not offered. */
  roles: Role[];
  choosable: Role[];
  /** The names the API answered with, shown until the look-ups arrive. */
  known?: KnownNames;
  /** (現在) is required; the document marks none of (異動)'s fields required. */
  required: boolean;
  disabled: boolean;
}

/**
 * 適用日, 所属部門, コントロール部門, 集計用コントロール部門 (each code with its name as of the 適用日, and a look-up)
 * and アカウントロール: the (現在) and the (異動) block alike.
 */
export function AssignmentFields(props: AssignmentFieldsProps) {
  const { t } = useI18n();
  const { value, onChange, errorPrefix, error } = props;
  const departments = useDepartments(value.effectiveDate);
  const reporting = useReportingDepartments();
  const errorOf = (key: keyof Assignment) => fieldError(error, `${errorPrefix}${key}`);
  const set = (key: keyof Assignment) => (next: string) => onChange({ ...value, [key]: next });
  const roleOptions = props.roles.some((role) => role.code === value.roleCode)
    ? props.roles.filter((role) => props.choosable.includes(role) || role.code === value.roleCode)
    : props.choosable;
  const roleError = errorOf('roleCode');
  const codeFields = [
    ['departmentCode', 'departmentName', departments],
    ['controlDepartmentCode', 'controlDepartmentName', departments],
    ['reportingControlDepartmentCode', 'reportingControlDepartmentName', reporting],
  ] as const;
  const roleId = `${errorPrefix || 'transfer.'}role`;
  return (
    <div className="form-grid">
      <TextField
        label={t('effectiveDate')}
        type="date"
        value={value.effectiveDate}
        onChange={set('effectiveDate')}
        required={props.required}
        disabled={props.disabled}
        error={errorOf('effectiveDate')}
      />
      {codeFields.map(([key, nameKey, options]) => (
        <CodeField
          key={key}
          label={t(key)}
          nameLabel={t(nameKey)}
          value={value[key]}
          onChange={set(key)}
          options={options}
          known={props.known && { code: props.known[key], name: props.known[nameKey] }}
          required={props.required}
          disabled={props.disabled}
          error={errorOf(key)}
        />
      ))}
      <div className={`field${roleError ? ' invalid' : ''}`}>
        <label htmlFor={roleId}>
          {t('role')}
          {props.required && <span aria-hidden="true"> *</span>}
        </label>
        <select
          id={roleId}
          value={value.roleCode}
          disabled={props.disabled}
          onChange={(event) => onChange({ ...value, roleCode: event.target.value })}
        >
          {roleOptions.map((role) => (
            <option key={role.code} value={role.code} disabled={!props.choosable.includes(role)}>
              {role.name} ({role.code})
            </option>
          ))}
        </select>
        {roleError && <small className="field-error">{roleError}</small>}
      </div>
    </div>
  );
}
