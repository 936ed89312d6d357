import { fieldError } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { allowedWorkStyles, type AccountType, type Features, type Work } from './form-model';

type Flag = 'effortAttendanceMatching' | 'discretionaryLabour' | 'excludedFromUtilization';
type Skip = 'attendanceInputSkip' | 'effortInputSkip';
type Method = 'attendanceInputMethod' | 'effortInputMethod';

/**
 * 工数・勤怠一致対象, 勤務形態, 勤務実績/工数 入力方法・入力省略, 裁量労働対象, 稼働率・生産性計算, with the document's
 * rules: the 入力省略 boxes are fixed off while 一致対象 is はい; 勤務形態 offers what the company's [勤務形態] allows
 * and nothing for 顧客; 裁量労働 only for 自社.
 */
export function WorkSettingsFields(props: {
  work: Work;
  type: AccountType;
  features?: Features;
  onChange(next: Work): void;
  disabled: boolean;
  error: unknown;
}) {
  const { t } = useI18n();
  const { work, disabled } = props;
  const set = (next: Partial<Work>) => props.onChange({ ...work, ...next });
  const styles = allowedWorkStyles(props.features?.workStylePolicy, props.type);
  const matching = !!work.effortAttendanceMatching;
  const errorOf = (key: string) => fieldError(props.error, `work.${key}`);
  const yesNo = (key: Flag, extraDisabled = false, hint?: string) => (
    <div className="field" role="radiogroup" aria-label={t(`work_${key}` as MessageKey)}>
      <span className="label">
        {t(`work_${key}` as MessageKey)}
        <span aria-hidden="true"> *</span>
      </span>
      <span className="radios">
        {([true, false] as const).map((choice) => (
          <label key={String(choice)} className="check">
            <input
              type="radio"
              name={`work-${key}`}
              checked={!!work[key] === choice}
              disabled={disabled || extraDisabled}
              onChange={() => set({ [key]: choice })}
            />
            {choice ? t('yes') : t('no')}
          </label>
        ))}
      </span>
      {hint && <small className="hint">{hint}</small>}
      {errorOf(key) && <small className="field-error">{errorOf(key)}</small>}
    </div>
  );
  const method = (key: Method, skip: Skip) => (
    <div className="field" key={key}>
      <label htmlFor={`work-${key}`}>
        {t(`work_${key}`)}
        <span aria-hidden="true"> *</span>
      </label>
      <select
        id={`work-${key}`}
        value={work[key] ?? 'daily'}
        disabled={disabled}
        onChange={(event) => set({ [key]: event.target.value as 'daily' | 'monthly' })}
      >
        <option value="daily">{t('daily')}</option>
        <option value="monthly">{t('monthly')}</option>
      </select>
      <label className="check">
        <input
          type="checkbox"
          checked={!matching && !!work[skip]}
          disabled={disabled || matching}
          onChange={(event) => set({ [skip]: event.target.checked })}
        />
        {t(`work_${skip}`)}
      </label>
      {errorOf(skip) && <small className="field-error">{errorOf(skip)}</small>}
    </div>
  );
  return (
    <>
      {yesNo('effortAttendanceMatching')}
      <div className="form-grid">
        <div className="field">
          <label htmlFor="work-style">
            {t('work_workStyle')}
            {styles.length > 0 && <span aria-hidden="true"> *</span>}
          </label>
          <select
            id="work-style"
            value={styles.length === 0 ? '' : (work.workStyle ?? styles[0])}
            disabled={disabled || styles.length === 0}
            onChange={(event) => set({ workStyle: event.target.value as 'general' | 'flex' })}
          >
            {styles.length === 0 && <option value="">—</option>}
            {styles.map((style) => (
              <option key={style} value={style}>
                {t(style)}
              </option>
            ))}
          </select>
          {styles.length === 0 && <small className="hint">{t('workStyleNotForCustomer')}</small>}
          {errorOf('workStyle') && <small className="field-error">{errorOf('workStyle')}</small>}
        </div>
        {method('attendanceInputMethod', 'attendanceInputSkip')}
        {method('effortInputMethod', 'effortInputSkip')}
      </div>
      {matching && <p className="hint">{t('skipFixedOffHint')}</p>}
      {yesNo(
        'discretionaryLabour',
        props.type !== 'own',
        props.type !== 'own' ? t('discretionaryOwnOnlyHint') : undefined,
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={!!work.excludedFromUtilization}
          disabled={disabled}
          onChange={(event) => set({ excludedFromUtilization: event.target.checked })}
        />
        {t('work_excludedFromUtilization')}
      </label>
    </>
  );
}
