import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';

/**
 * A modal confirmation (the native <dialog>: focus moves into it, Esc cancels, the page behind is inert).
 * Shown while `open` is true. Without `onCancel` it is a message with OK alone (the product document's
 * 「…しました。」 dialogs), which Esc closes as OK does.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  onConfirm(): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  const titleId = useId();
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={props.onCancel ?? props.onConfirm} className="confirm">
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <div className="buttons">
        <button type="button" className="primary" onClick={props.onConfirm}>
          {props.confirmLabel ?? t('ok')}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </dialog>
  );
}
