import { useId } from 'react';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';

type Rank = Schemas['Rank'];

/** 社員ランク: an inactive rank carries 「*」 right of its name (offered only where the document allows it). */
export function RankSelect(props: {
  ranks: Rank[];
  value: string;
  onChange(value: string): void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className={`field${props.error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {t('rank')}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">—</option>
        {props.ranks.map((rank) => (
          <option key={rank.code} value={rank.code}>
            {rank.name}
            {rank.active ? '' : ' *'}
          </option>
        ))}
      </select>
      {props.error && <small className="field-error">{props.error}</small>}
    </div>
  );
}
