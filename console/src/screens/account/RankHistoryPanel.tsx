import { useState } from 'react';
import { api, must, type Schemas } from '../../api/client';
import { fieldError } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { accountFieldLabel } from './field-labels';
import { today, type Account } from './form-model';
import { Panel, type Act } from './panel';
import { RankSelect } from './RankSelect';

type Rank = Schemas['Rank'];

/** 社員ランク history: a row per month the rank changed; inactive ranks (*) may be chosen when editing. */
export function RankHistoryPanel(props: {
  account: Account;
  ranks: Rank[];
  act: Act;
  error: unknown;
  timeZone?: string;
}) {
  const { account, act } = props;
  const { t } = useI18n();
  const { can } = useSession();
  const [month, setMonth] = useState(today(props.timeZone).slice(0, 7));
  const [rankCode, setRankCode] = useState('');
  if (account.type !== 'own') return null;
  const code = account.code;
  const label = (field: string) => accountFieldLabel(t, field);
  return (
    <Panel title={t('rankHistory')}>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">{t('effectiveMonth')}</th>
            <th scope="col">{t('rank')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {account.ranks.map((row) => (
            <tr key={row.effectiveMonth}>
              <td>{row.effectiveMonth}</td>
              <td>
                {row.rankName}
                {row.active ? '' : ' *'}
              </td>
              <td>
                {can('accounts:write') && (
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      void act(
                        must(
                          api.DELETE('/api/accounts/{code}/ranks/{month}', {
                            params: { path: { code, month: row.effectiveMonth } },
                          }),
                        ),
                        t('saved'),
                        label,
                      )
                    }
                  >
                    {t('delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('rankInactiveMark')}</p>
      {can('accounts:write') && (
        <div className="form-grid">
          <TextField
            label={t('effectiveMonth')}
            type="month"
            value={month}
            onChange={setMonth}
            error={fieldError(props.error, 'effectiveMonth')}
          />
          <RankSelect
            ranks={props.ranks}
            value={rankCode}
            onChange={setRankCode}
            error={fieldError(props.error, 'rankCode')}
          />
          <p>
            <button
              type="button"
              disabled={!rankCode}
              onClick={() =>
                void act(
                  must(
                    api.POST('/api/accounts/{code}/ranks', {
                      params: { path: { code } },
                      body: { effectiveMonth: month, rankCode },
                    }),
                  ),
                  t('saved'),
                  label,
                )
              }
            >
              {t('addRank')}
            </button>
          </p>
        </div>
      )}
    </Panel>
  );
}
