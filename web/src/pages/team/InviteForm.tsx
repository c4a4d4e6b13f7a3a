// Invite someone: optional email and a role; the server returns a link to send, shown with a copy button.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CreatedInvitation, isRole, ROLES, type Role } from '../../api.ts';
import { CopyIcon } from '../../components/Icons.tsx';
import { Button, Field, Notice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { badEmail, looksLikeEmail, useProblems } from '../../validation.ts';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation>();
  const [copied, setCopied] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setCopied(false);
    const trimmed = email.trim();
    if (!form.check(trimmed && !looksLikeEmail(trimmed) ? { email: badEmail } : {})) return;
    setBusy(true);
    try {
      const invitation = await api.post<CreatedInvitation>('/api/team/invitations', {
        ...(trimmed ? { email: trimmed } : {}),
        role,
      });
      setCreated(invitation);
      setEmail('');
      onInvited();
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  const link = created ? new URL(created.url, window.location.origin).href : '';

  return (
    <div className="stack stack--sm">
      <form className="form" onSubmit={submit} noValidate data-testid="invite-form">
        {form.failureText && <Notice tone="error">{form.failureText}</Notice>}
        <div className="form__row form__row--invite">
          <Field
            label={t('fields.email')}
            optional
            error={form.error('email')}
            hint={t('team.invite.emailHint')}
          >
            {(c) => (
              <input
                {...c}
                data-testid="invite-email"
                type="email"
                value={email}
                placeholder={t('team.invite.emailPlaceholder')}
                onChange={(e) => setEmail(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label={t('fields.role')} error={form.error('role')} hint={t(`roleDescriptions.${role}`)}>
            {(c) => (
              <select
                {...c}
                data-testid="invite-role"
                value={role}
                onChange={(e) => {
                  const value = e.target.value;
                  if (isRole(value)) setRole(value);
                }}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form__actions form__actions--start">
          <Button type="submit" variant="primary" busy={busy} data-testid="invite-submit">
            {t('team.invite.submit')}
          </Button>
        </div>
      </form>

      {created && (
        <div className="invite-result" data-testid="invite-result" aria-live="polite">
          <p className="invite-result__title">
            {created.email
              ? t('team.invite.createdFor', { email: created.email })
              : t('team.invite.createdOpen')}
          </p>
          <div className="copy-field">
            <code className="copy-field__value" data-testid="invite-url">
              {link}
            </code>
            <Button
              size="sm"
              data-testid="invite-copy"
              onClick={() => {
                void copyText(link).then((ok) => setCopied(ok));
              }}
            >
              <CopyIcon size={15} />
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          </div>
          <p className="muted small">
            {t('team.invite.linkNote', { date: format.dateTime(created.expiresAt) })}
          </p>
        </div>
      )}
    </div>
  );
}
