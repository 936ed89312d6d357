import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

/** An API error as the admin reads it: the API's own message (already in the console's language) and its code. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const text = error instanceof ApiError ? error.body.message : t('unexpectedError');
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
