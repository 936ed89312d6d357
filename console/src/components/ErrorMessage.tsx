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
    if (text.startsWith(`${field}: `)) text = `${named}: ${text.slice(field.length + 2)}`;
    else if (text.includes(`(${field})`)) text = text.split(`(${field})`).join(`(${named})`);
    else text = `${named}: ${text}`;
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

/** A message shown beside its own field needs not name it: `(shortName)` and a leading `shortName: ` go. */
function withoutField(message: string, field: string): string {
  const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return text.split(`(${field})`).join('');
}

/** The message for one field, from the API's `field` or its `issues`, without the API's name of the field. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const issue = error.body.issues?.find((entry) => entry.field === field);
  if (issue) return withoutField(issue.message, field);
  return error.body.field === field ? withoutField(error.body.message, field) : undefined;
}
