// First visit on an empty server: create the organisation and its first admin.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { api, type SessionInfo } from '../../api.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { LanguageSelect } from '../../components/LanguageSelect.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { Button, Field, Notice } from '../../components/ui.tsx';
import { currentLocale } from '../../i18n/index.ts';
import { useSession } from '../../session.tsx';
import { browserTimeZone } from '../../timezones.ts';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import {
  badEmail,
  looksLikeEmail,
  mismatch,
  type Problems,
  required,
  tooShort,
  useProblems,
} from '../../validation.ts';

export const MIN_PASSWORD = 12;

export function OnboardingPage() {
  const { t } = useTranslation();
  const { state, establish } = useSession();
  const navigate = useNavigate();
  useDocumentTitle(t('onboarding.title'));

  const [orgName, setOrgName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const form = useProblems();
  const [busy, setBusy] = useState(false);

  if (state.status === 'authenticated') return <Navigate to="/" replace />;
  if (state.status === 'anonymous' && !state.needsOnboarding) return <Navigate to="/login" replace />;

  function validate(): Problems {
    const found: Problems = {};
    if (!orgName.trim()) found.orgName = required;
    if (!name.trim()) found.name = required;
    if (!email.trim()) found.email = required;
    else if (!looksLikeEmail(email.trim())) found.email = badEmail;
    if (password.length < MIN_PASSWORD) found.password = tooShort(MIN_PASSWORD);
    if (confirm !== password) found.confirm = mismatch;
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(validate())) return;
    setBusy(true);
    try {
      const session = await api.post<SessionInfo>('/api/setup', {
        orgName: orgName.trim(),
        name: name.trim(),
        email: email.trim(),
        password,
        locale: currentLocale(),
        timeZone,
      });
      establish(session);
      navigate('/', { replace: true });
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      wide
      showLanguage={false}
      title={t('onboarding.title')}
      intro={
        <>
          <p>{t('onboarding.intro')}</p>
          <p className="muted">{t('onboarding.introSetup')}</p>
        </>
      }
    >
      <form className="form" onSubmit={submit} noValidate data-testid="onboarding-form">
        {form.failureText && <Notice tone="error">{form.failureText}</Notice>}
        <fieldset className="form__section">
          <legend>{t('onboarding.orgSection')}</legend>
          <Field
            label={t('onboarding.orgName')}
            error={form.error('orgName')}
            hint={t('onboarding.orgNameHint')}
          >
            {(c) => (
              <input
                {...c}
                data-testid="onboarding-org-name"
                value={orgName}
                onChange={(e) => {
                  form.edited('orgName');
                  setOrgName(e.target.value);
                }}
                autoComplete="organization"
                required
              />
            )}
          </Field>
          <div className="form__row">
            <Field label={t('onboarding.timeZone')} error={form.error('timeZone')}>
              {(c) => (
                <TimeZoneSelect {...c} value={timeZone} onChange={setTimeZone} testId="onboarding-timezone" />
              )}
            </Field>
            <Field
              label={t('onboarding.language')}
              error={form.error('locale')}
              hint={t('onboarding.languageHint')}
            >
              {(c) => <LanguageSelect id={c.id} />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="form__section">
          <legend>{t('onboarding.youSection')}</legend>
          <div className="form__row">
            <Field label={t('fields.name')} error={form.error('name')}>
              {(c) => (
                <input
                  {...c}
                  data-testid="onboarding-name"
                  value={name}
                  onChange={(e) => {
                    form.edited('name');
                    setName(e.target.value);
                  }}
                  autoComplete="name"
                  required
                />
              )}
            </Field>
            <Field label={t('fields.email')} error={form.error('email')}>
              {(c) => (
                <input
                  {...c}
                  data-testid="onboarding-email"
                  type="email"
                  value={email}
                  onChange={(e) => {
                    form.edited('email');
                    setEmail(e.target.value);
                  }}
                  autoComplete="email"
                  required
                />
              )}
            </Field>
          </div>
          <div className="form__row">
            <Field
              label={t('fields.password')}
              error={form.error('password')}
              hint={t('validation.passwordHint', { count: MIN_PASSWORD })}
            >
              {(c) => (
                <input
                  {...c}
                  data-testid="onboarding-password"
                  type="password"
                  value={password}
                  onChange={(e) => {
                    form.edited('password');
                    setPassword(e.target.value);
                  }}
                  autoComplete="new-password"
                  minLength={MIN_PASSWORD}
                  required
                />
              )}
            </Field>
            <Field label={t('fields.passwordConfirm')} error={form.error('confirm')}>
              {(c) => (
                <input
                  {...c}
                  data-testid="onboarding-password-confirm"
                  type="password"
                  value={confirm}
                  onChange={(e) => {
                    form.edited('confirm');
                    setConfirm(e.target.value);
                  }}
                  autoComplete="new-password"
                  required
                />
              )}
            </Field>
          </div>
        </fieldset>

        <Button
          type="submit"
          variant="primary"
          busy={busy}
          data-testid="onboarding-submit"
          className="btn--block"
        >
          {t('onboarding.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
