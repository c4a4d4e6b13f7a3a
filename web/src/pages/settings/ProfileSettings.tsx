// Your own name and language. Saving the language switches the UI too.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isLocale, LOCALES, type Locale, type SessionInfo } from '../../api.ts';
import { Button, Field, Notice } from '../../components/ui.tsx';
import { applyLocale, currentLocale, LANGUAGE_NAMES } from '../../i18n/index.ts';
import { useAuthenticated, useSession } from '../../session.tsx';
import { required, useProblems } from '../../validation.ts';

export function ProfileSettings() {
  const { t } = useTranslation();
  const session = useAuthenticated();
  const { establish } = useSession();
  const [name, setName] = useState(session.user.name);
  const [locale, setLocale] = useState<Locale>(session.user.locale ?? currentLocale());
  const form = useProblems();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!name.trim()) {
      form.check({ name: required });
      return;
    }
    form.check({});
    setBusy(true);
    try {
      const next = await api.patch<SessionInfo>('/api/me', { name: name.trim(), locale });
      await applyLocale(locale);
      establish(next);
      setSaved(true);
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="profile-form">
      {form.failureText && <Notice tone="error">{form.failureText}</Notice>}
      <Field label={t('fields.name')} error={form.error('name')}>
        {(c) => (
          <input
            {...c}
            data-testid="profile-name"
            value={name}
            onChange={(e) => {
              setSaved(false);
              setName(e.target.value);
            }}
            autoComplete="name"
            required
          />
        )}
      </Field>
      <Field label={t('fields.email')} hint={t('settings.profile.emailHint')}>
        {(c) => <input {...c} value={session.user.email} readOnly data-testid="profile-email" />}
      </Field>
      <Field label={t('settings.profile.language')} error={form.error('locale')}>
        {(c) => (
          <select
            {...c}
            data-testid="profile-locale"
            value={locale}
            onChange={(e) => {
              const value = e.target.value;
              setSaved(false);
              if (isLocale(value)) setLocale(value);
            }}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form__actions form__actions--start">
        <Button type="submit" variant="primary" busy={busy} data-testid="profile-save">
          {t('common.save')}
        </Button>
        {saved && (
          <span className="saved" role="status">
            {t('common.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
