import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

/** The screen's label of a field the API names, when the screen has one. */
export type FieldLabel = (field: string) => string | undefined;

/** The API's message with the field it names read as the screen's label (`(shortName)` → `(氏名略名)`). */
function withLabels(error: ApiError, label: FieldLabel | undefined): string {
  const fields = [error.body.field, ...(error.body.issues ?? []).map((issue) => issue.field)].filter(
    (field): field is string => !!field,
  );
  let text = error.body.message;
  for (const field of fields) {
    const named = label?.(field);
    if (!named) continue;
    text = text.includes(`(${field})`) ? text.split(`(${field})`).join(`(${named})`) : `${named}: ${text}`;
  }
  return text;
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

/** The message for one field, from the API's `field` or its `issues`. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const issue = error.body.issues?.find((entry) => entry.field === field);
  if (issue) return issue.message;
  return error.body.field === field ? error.body.message : undefined;
}
