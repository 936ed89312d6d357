import { useId } from 'react';
import { useI18n } from '../i18n';
import { TextField } from './TextField';

export interface CodeOption {
  code: string;
  name: string;
}

interface CodeFieldProps {
  label: string;
  /** The label of the name shown beside the code (所属部門名 beside 所属部門コード). */
  nameLabel: string;
  value: string;
  onChange(value: string): void;
  /** The codes to choose from (a look-up as the admin types), with their names as of the date shown. */
  options: readonly CodeOption[];
  /** A code and name the screen already knows (the API's), shown until the options have arrived. */
  known?: CodeOption;
  required?: boolean;
  disabled?: boolean;
  error?: string;
}

/** A code typed or chosen from a look-up, with its name beside it (表示) — or 該当なし when there is none. */
export function CodeField(props: CodeFieldProps) {
  const { t } = useI18n();
  const listId = `${useId()}-options`;
  const match = props.options.find((option) => option.code === props.value);
  const loading = props.options.length === 0;
  const name = match?.name ?? (props.known?.code === props.value ? props.known.name : undefined);
  return (
    <>
      <TextField
        label={props.label}
        value={props.value}
        onChange={(value) => props.onChange(value.trim())}
        required={props.required}
        disabled={props.disabled}
        autoComplete="off"
        list={listId}
        error={props.error}
      >
        <datalist id={listId}>
          {props.options.map((option) => (
            <option key={option.code} value={option.code}>
              {option.name}
            </option>
          ))}
        </datalist>
      </TextField>
      <div className="field">
        <span className="label">{props.nameLabel}</span>
        <output aria-label={props.nameLabel} className="code-name">
          {props.value ? (name ?? (loading ? t('loading') : t('codeNotFound'))) : '—'}
        </output>
      </div>
    </>
  );
}
