import { ApiError, apiLanguage } from '../api/client';
import { useI18n } from '../i18n';
import { en, ja } from '../messages';

/** The screen's label of a field the API names, when the screen has one. */
export type FieldLabel = (field: string) => string | undefined;

/**
 * The API's message with the field it names read as the screen's label (`(shortName)` → `(氏名略名)`); several
 * fields in error are listed once each by their labels (each field also shows its own message beside it).
 */
function withLabels(error: ApiError, label: FieldLabel | undefined): string {
  const issues = error.body.issues ?? [];
  const texts = apiLanguage() === 'en' ? en : ja;
  if (issues.length > 1) {
    const named = [...new Set(issues.map((issue) => label?.(issue.field) ?? issue.field))];
    return texts.checkFields.replace('{fields}', named.join(texts.listSeparator));
  }
  const field = error.body.field;
  const named = field ? label?.(field) : undefined;
  if (!field || !named) return error.body.message;
  const message = error.body.message;
  if (message.startsWith(`${field}: `)) return `${named}: ${issueText(field, { code: '', message })}`;
  if (message.includes(`(${field})`)) return message.split(`(${field})`).join(`(${named})`);
  return `${named}: ${message}`;
}

/**
 * One field's problem in the console's language: the API's check (zod's English text, e.g. "Too small: expected
 * string to have >=1 characters") said as the screen says it (必須です, 10文字以内…); a domain's message as it came.
 */
function issueText(field: string, issue: { code: string; message: string }): string {
  const texts = apiLanguage() === 'en' ? en : ja;
  const message = withoutField(issue.message, field);
  const code = issue.code || (/^Too small/.test(message) ? 'too_small' : /^Too big/.test(message) ? 'too_big' : '');
  const bound = /[<>]=?\s*(\d+)/.exec(message);
  const n = bound ? Number(bound[1]) : undefined;
  const characters = /string/.test(message);
  switch (code) {
    case 'too_small':
      if (n === undefined || (characters && n <= 1)) return texts.issue_required;
      return (characters ? texts.issue_minChars : texts.issue_minValue).replace('{n}', String(n));
    case 'too_big':
      if (n === undefined) return texts.issue_format;
      return (characters ? texts.issue_maxChars : texts.issue_maxValue).replace('{n}', String(n));
    case 'invalid_type':
      return /received undefined|received null/.test(message) ? texts.issue_required : texts.issue_format;
    case 'invalid_format':
    case 'invalid_value':
    case 'invalid_union':
      return texts.issue_format;
    default:
      return /^(Too |Invalid |Expected )/.test(message) ? texts.issue_format : message;
  }
}

/**
 * An API error as the admin reads it: the API's own message (already in the console's language) with the fields
 * it names as the screen labels them, and its code.
 */
export function ErrorMessage({ error, label }: { error: unknown; label?: FieldLabel }) {
  const { t } = useI18n();
  if (!error) return null;
  const text = error instanceof ApiError ? withLabels(error, label) : t('unexpectedError');
  return (
    <p className="error" role="alert">
      {text}
      {error instanceof ApiError && <span className="code"> ({error.body.code})</span>}
    </p>
  );
}

/** A message shown beside its own field needs not name it: `(shortName)` and a leading `shortName: ` go. */
function withoutField(message: string, field: string): string {
  const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return text.split(`(${field})`).join('');
}

/** The message for one field, from the API's `field` or its `issues`, without the API's name of the field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const issue = error.body.issues?.find((entry) => entry.field === field);
  if (issue) return issueText(field, issue);
  return error.body.field === field ? issueText(field, { code: '', message: error.body.message }) : undefined;
}
