// Sign in with email and password; wrong credentials and lockouts are explained plainly.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, type SessionInfo } from '../../api.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { Button, Field, Notice } from '../../components/ui.tsx';
import { safeNext } from '../../nav.ts';
import { useSession } from '../../session.tsx';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import { type Problems, required, useProblems } from '../../validation.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const { state, establish } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next')) ?? '/';
  useDocumentTitle(t('login.title'));

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useProblems();
  const [busy, setBusy] = useState(false);

  if (state.status === 'authenticated') return <Navigate to={next} replace />;
  if (state.status === 'anonymous' && state.needsOnboarding) return <Navigate to="/onboarding" replace />;
  const expired = state.status === 'anonymous' && state.reason === 'expired';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {};
    if (!email.trim()) found.email = required;
    if (!password) found.password = required;
    if (!form.check(found)) return;
    setBusy(true);
    try {
      const session = await api.post<SessionInfo>(
        '/api/auth/login',
        { email: email.trim(), password },
        { allowUnauthorized: true },
      );
      establish(session);
      navigate(next, { replace: true });
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('login.title')} intro={<p>{t('login.intro')}</p>}>
      <form className="form" onSubmit={submit} noValidate data-testid="login-form">
        {expired && !form.failureText && <Notice>{t('login.sessionExpired')}</Notice>}
        {form.failureText && (
          <Notice tone="error" testId="login-error">
            {form.failureText}
          </Notice>
        )}
        <Field label={t('fields.email')} error={form.error('email')}>
          {(c) => (
            <input
              {...c}
              data-testid="login-email"
              type="email"
              value={email}
              onChange={(e) => {
                form.edited('email');
                setEmail(e.target.value);
              }}
              autoComplete="username"
              required
            />
          )}
        </Field>
        <Field label={t('fields.password')} error={form.error('password')}>
          {(c) => (
            <input
              {...c}
              data-testid="login-password"
              type="password"
              value={password}
              onChange={(e) => {
                form.edited('password');
                setPassword(e.target.value);
              }}
              autoComplete="current-password"
              required
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy} data-testid="login-submit" className="btn--block">
          {t('login.submit')}
        </Button>
        <p className="muted small">{t('login.noAccount')}</p>
      </form>
    </AuthLayout>
  );
}
