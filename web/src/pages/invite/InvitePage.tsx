// An invitation link: shows the organisation and role, then either creates the account or joins when signed in.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, type PublicInvitation, type SessionInfo } from '../../api.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { Button, ErrorState, Field, LoadingState, Notice, RoleBadge } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { applyLocale, currentLocale } from '../../i18n/index.ts';
import { loginPath } from '../../nav.ts';
import { useSession } from '../../session.tsx';
import { useApiData } from '../../useApiData.ts';
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
import { MIN_PASSWORD } from '../onboarding/OnboardingPage.tsx';

function inviterName(invitedBy: PublicInvitation['invitedBy']): string | undefined {
  if (!invitedBy) return undefined;
  return typeof invitedBy === 'string' ? invitedBy : invitedBy.name;
}

export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const { state } = useSession();
  useDocumentTitle(t('invite.title'));
  const invitation = useApiData<PublicInvitation>(`/api/invitations/${encodeURIComponent(token)}`);

  if (invitation.loading && !invitation.data) {
    return (
      <AuthLayout title={t('invite.title')}>
        <LoadingState />
      </AuthLayout>
    );
  }
  if (invitation.error || !invitation.data) {
    const gone = invitation.error instanceof ApiError && [404, 410].includes(invitation.error.status);
    return (
      <AuthLayout title={gone ? t('invite.invalidTitle') : t('invite.title')}>
        {gone ? (
          <>
            <p data-testid="invite-invalid">{t('invite.invalidBody')}</p>
            <p>
              <Link to="/">{t('invite.goToStemme')}</Link>
            </p>
          </>
        ) : (
          <ErrorState error={invitation.error} onRetry={invitation.reload} />
        )}
      </AuthLayout>
    );
  }

  const info = invitation.data;
  const inviter = inviterName(info.invitedBy);
  return (
    <AuthLayout
      title={t('invite.heading', { org: info.orgName })}
      intro={
        <div className="invite-summary">
          <p>
            {inviter
              ? t('invite.introBy', { name: inviter, org: info.orgName })
              : t('invite.intro', { org: info.orgName })}
          </p>
          <p className="invite-summary__role">
            <span>{t('invite.yourRole')}</span> <RoleBadge role={info.role} />
          </p>
          <p className="muted small">{t(`roleDescriptions.${info.role}`)}</p>
        </div>
      }
    >
      {state.status === 'authenticated' ? (
        <JoinAsUser token={token} name={state.session.user.name} email={state.session.user.email} />
      ) : (
        <SignUpForm token={token} presetEmail={info.email ?? ''} />
      )}
    </AuthLayout>
  );
}

function JoinAsUser({ token, name, email }: { token: string; name: string; email: string }) {
  const { t } = useTranslation();
  const { establish, logout } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function join() {
    setBusy(true);
    setFailure(undefined);
    try {
      const session = await api.post<SessionInfo>(`/api/invitations/${encodeURIComponent(token)}/accept`, {});
      establish(session);
      navigate('/', { replace: true });
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  }

  return (
    <div className="form">
      {failure !== undefined && <Notice tone="error">{errorText(t, failure)}</Notice>}
      <p>{t('invite.signedInAs', { name, email })}</p>
      <Button variant="primary" busy={busy} onClick={join} data-testid="invite-join" className="btn--block">
        {t('invite.join')}
      </Button>
      <p className="muted small">
        {t('invite.notYou')}{' '}
        <button type="button" className="link-button" onClick={() => void logout()}>
          {t('invite.signOut')}
        </button>
      </p>
    </div>
  );
}

function SignUpForm({ token, presetEmail }: { token: string; presetEmail: string }) {
  const { t } = useTranslation();
  const { establish } = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState(presetEmail);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useProblems();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {};
    if (!name.trim()) found.name = required;
    if (!email.trim()) found.email = required;
    else if (!looksLikeEmail(email.trim())) found.email = badEmail;
    if (password.length < MIN_PASSWORD) found.password = tooShort(MIN_PASSWORD);
    if (confirm !== password) found.confirm = mismatch;
    if (!form.check(found)) return;
    setBusy(true);
    try {
      let session = await api.post<SessionInfo>(`/api/invitations/${encodeURIComponent(token)}/accept`, {
        name: name.trim(),
        email: email.trim(),
        password,
      });
      // Keep the language the person chose on this screen as their own.
      const locale = currentLocale();
      if (session.user.locale !== locale) {
        session = await api.patch<SessionInfo>('/api/me', { locale }).catch(() => session);
      }
      await applyLocale(locale);
      establish(session);
      navigate('/', { replace: true });
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="invite-accept-form">
      {form.failureText && <Notice tone="error">{form.failureText}</Notice>}
      <Field label={t('fields.name')} error={form.error('name')}>
        {(c) => (
          <input
            {...c}
            data-testid="invite-accept-name"
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
      <Field
        label={t('fields.email')}
        error={form.error('email')}
        hint={presetEmail ? t('invite.emailFixed') : undefined}
      >
        {(c) => (
          <input
            {...c}
            data-testid="invite-accept-email"
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
      <Field
        label={t('fields.password')}
        error={form.error('password')}
        hint={t('validation.passwordHint', { count: MIN_PASSWORD })}
      >
        {(c) => (
          <input
            {...c}
            data-testid="invite-accept-password"
            type="password"
            value={password}
            onChange={(e) => {
              form.edited('password');
              setPassword(e.target.value);
            }}
            autoComplete="new-password"
            required
          />
        )}
      </Field>
      <Field label={t('fields.passwordConfirm')} error={form.error('confirm')}>
        {(c) => (
          <input
            {...c}
            data-testid="invite-accept-password-confirm"
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
      <Button
        type="submit"
        variant="primary"
        busy={busy}
        data-testid="invite-accept-submit"
        className="btn--block"
      >
        {t('invite.createAndJoin')}
      </Button>
      <p className="muted small">
        {t('invite.haveAccount')}{' '}
        <Link to={loginPath(`/invite/${token}`)} data-testid="invite-login">
          {t('invite.signInToJoin')}
        </Link>
      </p>
    </form>
  );
}
