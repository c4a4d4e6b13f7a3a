// The organisation's name, time zone and default language; editable by admins, read-only for others.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isLocale, LOCALES, type Locale, type Org } from '../../api.ts';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { Button, Field, Notice } from '../../components/ui.tsx';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { useAuthenticated, useSession } from '../../session.tsx';
import { required, useProblems } from '../../validation.ts';

export function OrgSettings({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const session = useAuthenticated();
  const { reload } = useSession();
  const org = session.org;
  const [name, setName] = useState(org?.name ?? '');
  const [timeZone, setTimeZone] = useState(org?.timeZone ?? 'UTC');
  const [defaultLocale, setDefaultLocale] = useState<Locale>(org?.defaultLocale ?? 'en');
  const form = useProblems();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!org) return null;

  if (!editable) {
    return (
      <dl className="facts" data-testid="org-facts">
        <div>
          <dt>{t('settings.org.name')}</dt>
          <dd>{org.name}</dd>
        </div>
        <div>
          <dt>{t('settings.org.timeZone')}</dt>
          <dd>{org.timeZone}</dd>
        </div>
        <div>
          <dt>{t('settings.org.defaultLocale')}</dt>
          <dd>{isLocale(org.defaultLocale) ? LANGUAGE_NAMES[org.defaultLocale] : org.defaultLocale}</dd>
        </div>
      </dl>
    );
  }

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
      await api.patch<Org>('/api/org', { name: name.trim(), timeZone, defaultLocale });
      await reload();
      setSaved(true);
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="org-form">
      {form.failureText && <Notice tone="error">{form.failureText}</Notice>}
      <Field label={t('settings.org.name')} error={form.error('name')}>
        {(c) => (
          <input
            {...c}
            data-testid="org-name"
            value={name}
            onChange={(e) => {
              setSaved(false);
              setName(e.target.value);
            }}
            required
          />
        )}
      </Field>
      <Field
        label={t('settings.org.timeZone')}
        error={form.error('timeZone')}
        hint={t('settings.org.timeZoneHint')}
      >
        {(c) => (
          <TimeZoneSelect
            {...c}
            value={timeZone}
            testId="org-timezone"
            onChange={(zone) => {
              setSaved(false);
              setTimeZone(zone);
            }}
          />
        )}
      </Field>
      <Field
        label={t('settings.org.defaultLocale')}
        error={form.error('defaultLocale')}
        hint={t('settings.org.defaultLocaleHint')}
      >
        {(c) => (
          <select
            {...c}
            data-testid="org-default-locale"
            value={defaultLocale}
            onChange={(e) => {
              const value = e.target.value;
              setSaved(false);
              if (isLocale(value)) setDefaultLocale(value);
            }}
          >
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LANGUAGE_NAMES[locale]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form__actions form__actions--start">
        <Button type="submit" variant="primary" busy={busy} data-testid="org-save">
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
