// Routes and the gates in front of them: loading, onboarding, sign-in, organisation.
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { AppShell } from './components/AppShell.tsx';
import { FullPage } from './components/AuthLayout.tsx';
import { ErrorState, LoadingState } from './components/ui.tsx';
import { loginPath } from './nav.ts';
import { GuidelinesPage } from './pages/guidelines/GuidelinesPage.tsx';
import { InboxPage } from './pages/inbox/InboxPage.tsx';
import { InvitePage } from './pages/invite/InvitePage.tsx';
import { ListenPage } from './pages/listen/ListenPage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { MeasurePage } from './pages/measure/MeasurePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OnboardingPage } from './pages/onboarding/OnboardingPage.tsx';
import { NoOrgPage } from './pages/orgs/NoOrgPage.tsx';
import { PublishPage } from './pages/publish/PublishPage.tsx';
import { SettingsPage } from './pages/settings/SettingsPage.tsx';
import { StrategyPage } from './pages/strategy/StrategyPage.tsx';
import { TeamPage } from './pages/team/TeamPage.tsx';
import { RunPage } from './pages/training/RunPage.tsx';
import { TrainingPage } from './pages/training/TrainingPage.tsx';
import { useSession } from './session.tsx';

/** Holds every route until we know whether anyone is signed in and whether the server needs onboarding. */
function SessionGate() {
  const { state, reload } = useSession();
  const { t } = useTranslation();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <FullPage>
        <LoadingState label={t('app.starting')} />
      </FullPage>
    );
  }
  if (state.status === 'error') {
    return (
      <FullPage>
        <ErrorState error={state.error} onRetry={() => void reload()} />
      </FullPage>
    );
  }
  if (state.status === 'anonymous' && state.needsOnboarding && location.pathname !== '/onboarding') {
    return <Navigate to="/onboarding" replace />;
  }
  return <Outlet />;
}

function RequireAuth() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status !== 'authenticated') {
    // After "log out" start afresh; after a lost session or a deep link, come back to where you were.
    const back =
      state.status === 'anonymous' && state.reason === 'logout'
        ? undefined
        : location.pathname + location.search;
    return <Navigate to={loginPath(back)} replace />;
  }
  if (!state.session.org) return <NoOrgPage />;
  return <AppShell />;
}

export function App() {
  return (
    <Routes>
      <Route element={<SessionGate />}>
        <Route path="/onboarding" element={<OnboardingPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/invite/:token" element={<InvitePage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<Navigate to="/strategy" replace />} />
          <Route path="/strategy/:section?" element={<StrategyPage />} />
          <Route path="/publish/*" element={<PublishPage />} />
          <Route path="/listen/*" element={<ListenPage />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route path="/measure" element={<MeasurePage />} />
          <Route path="/guidelines" element={<GuidelinesPage />} />
          <Route path="/training" element={<TrainingPage />} />
          <Route path="/training/runs/:runId" element={<RunPage />} />
          <Route path="/team" element={<TeamPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
