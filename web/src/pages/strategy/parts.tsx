// Small pieces the strategy sections share: a card for one row with save/delete, a textarea field, option lists.
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { Button, Field, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';

export function SaveBar({
  dirty,
  busy,
  onSave,
  onReset,
  onDelete,
  deleteLabel,
  confirmTitle,
  confirmBody,
  testId,
}: {
  dirty: boolean;
  busy: boolean;
  onSave: () => void;
  onReset?: () => void;
  onDelete?: () => Promise<void>;
  deleteLabel?: string;
  confirmTitle?: string;
  confirmBody?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <div className="save-bar">
      {onDelete && (
        <Button
          size="sm"
          variant="ghost"
          className="btn--danger-text"
          data-testid={testId ? `${testId}-delete` : undefined}
          onClick={() => {
            setError(undefined);
            setConfirming(true);
          }}
        >
          {deleteLabel ?? t('strategy.common.delete')}
        </Button>
      )}
      <span className="save-bar__spacer" />
      {dirty && onReset && (
        <Button size="sm" variant="ghost" onClick={onReset} disabled={busy}>
          {t('strategy.common.undo')}
        </Button>
      )}
      <Button
        size="sm"
        variant={dirty ? 'primary' : 'secondary'}
        disabled={!dirty}
        busy={busy}
        onClick={onSave}
        data-testid={testId ? `${testId}-save` : undefined}
      >
        {t('common.save')}
      </Button>
      {onDelete && (
        <ConfirmDialog
          open={confirming}
          title={confirmTitle ?? t('strategy.common.deleteTitle')}
          body={confirmBody ?? t('strategy.common.deleteBody')}
          confirmLabel={deleteLabel ?? t('strategy.common.delete')}
          busy={deleting}
          error={error === undefined ? undefined : errorText(t, error)}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setDeleting(true);
            onDelete()
              .then(() => setConfirming(false))
              .catch(setError)
              .finally(() => setDeleting(false));
          }}
        />
      )}
    </div>
  );
}

export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  error,
  rows = 3,
  disabled,
  placeholder,
  testId,
  optional,
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  rows?: number;
  disabled?: boolean;
  placeholder?: string;
  testId?: string;
  optional?: boolean;
}) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional}>
      {(c) => (
        <textarea
          {...c}
          rows={rows}
          value={value}
          disabled={disabled}
          placeholder={placeholder}
          data-testid={testId}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  disabled,
  placeholder,
  testId,
  optional,
  inputMode,
  type = 'text',
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
  placeholder?: string;
  testId?: string;
  optional?: boolean;
  inputMode?: 'decimal' | 'text';
  type?: 'text' | 'date';
}) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional}>
      {(c) => (
        <input
          {...c}
          value={value}
          disabled={disabled}
          placeholder={placeholder}
          type={type}
          inputMode={inputMode}
          data-testid={testId}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  hint,
  error,
  disabled,
  testId,
  empty,
}: {
  label: ReactNode;
  value: T | null;
  options: readonly { value: T; label: string }[];
  onChange: (value: T | null) => void;
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
  testId?: string;
  /** A label for "none chosen"; without it a value is required. */
  empty?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(c) => (
        <select
          {...c}
          value={value ?? ''}
          disabled={disabled}
          data-testid={testId}
          onChange={(e) => {
            const next = options.find((o) => o.value === e.target.value);
            onChange(next ? next.value : null);
          }}
        >
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Why a section matters, in one line, with the seed it comes from. */
export function Why({ children, source }: { children: ReactNode; source: string }) {
  return (
    <p className="why">
      {children} <span className="why__source">{source}</span>
    </p>
  );
}

export function ReadOnlyNotice() {
  const { t } = useTranslation();
  return <Notice>{t('strategy.common.readOnly')}</Notice>;
}
