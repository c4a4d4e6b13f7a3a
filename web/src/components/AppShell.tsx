// The signed-in frame: sidebar with wordmark, organisation switcher, navigation and the user's corner.
import { type ComponentType, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { GuidelinesBanner } from '../pages/guidelines/GuidelinesBanner.tsx';
import { TrainingIcon } from '../pages/training/TrainingIcon.tsx';
import { useAuthenticated, useSession } from '../session.tsx';
import {
  GuidelinesIcon,
  InboxIcon,
  ListenIcon,
  LogoMark,
  LogoutIcon,
  MeasureIcon,
  MenuIcon,
  PublishIcon,
  SettingsIcon,
  StrategyIcon,
  TeamIcon,
} from './Icons.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { initials, OrgSwitcher } from './OrgSwitcher.tsx';

export const AREAS = ['strategy', 'publish', 'listen', 'inbox', 'measure', 'guidelines'] as const;
export type Area = (typeof AREAS)[number];
type NavKey = Area | 'training' | 'team' | 'settings';

const ICONS: Record<NavKey, ComponentType<{ size?: number }>> = {
  strategy: StrategyIcon,
  publish: PublishIcon,
  listen: ListenIcon,
  inbox: InboxIcon,
  measure: MeasureIcon,
  guidelines: GuidelinesIcon,
  training: TrainingIcon,
  team: TeamIcon,
  settings: SettingsIcon,
};

function NavItem({ area }: { area: NavKey }) {
  const { t } = useTranslation();
  const Icon = ICONS[area];
  return (
    <li>
      <NavLink
        to={`/${area}`}
        data-testid={`nav-${area}`}
        className={({ isActive }) => `nav__link${isActive ? ' nav__link--active' : ''}`}
      >
        <Icon size={18} />
        <span>{t(`nav.${area}`)}</span>
      </NavLink>
    </li>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const session = useAuthenticated();
  const { logout } = useSession();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  // Close the narrow-screen menu after navigating.
  useEffect(() => {
    void location.pathname;
    setNavOpen(false);
  }, [location.pathname]);

  return (
    <div className={`shell${navOpen ? ' shell--nav-open' : ''}`}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-button"
          aria-label={navOpen ? t('shell.closeMenu') : t('shell.openMenu')}
          aria-expanded={navOpen}
          aria-controls="sidebar"
          onClick={() => setNavOpen((o) => !o)}
        >
          <MenuIcon size={20} />
        </button>
        <div className="wordmark">
          <LogoMark size={24} />
          <span className="wordmark__text">{t('app.name')}</span>
        </div>
      </header>

      <aside className="sidebar" id="sidebar">
        <div className="sidebar__brand wordmark">
          <LogoMark />
          <span className="wordmark__text">{t('app.name')}</span>
        </div>
        <OrgSwitcher />
        <nav className="nav" aria-label={t('nav.label')}>
          <ul>
            {AREAS.map((area) => (
              <NavItem key={area} area={area} />
            ))}
            <NavItem area="training" />
          </ul>
          <p className="nav__heading">{t('nav.organisation')}</p>
          <ul>
            <NavItem area="team" />
            <NavItem area="settings" />
          </ul>
        </nav>
        <div className="sidebar__footer">
          <div className="user-card" data-testid="user-menu">
            <span className="user-avatar" aria-hidden="true">
              {initials(session.user.name)}
            </span>
            <span className="user-card__text">
              <span className="user-card__name" data-testid="user-name">
                {session.user.name}
              </span>
              <span className="user-card__email">{session.user.email}</span>
            </span>
            {session.org && <NotificationBell key={session.org.id} />}
            <button
              type="button"
              className="icon-button"
              data-testid="logout"
              aria-label={t('shell.logout')}
              title={t('shell.logout')}
              disabled={loggingOut}
              onClick={() => {
                setLoggingOut(true);
                void logout();
              }}
            >
              <LogoutIcon size={17} />
            </button>
          </div>
          <LanguageSelect compact />
        </div>
      </aside>
      <button
        type="button"
        className="scrim"
        aria-hidden="true"
        tabIndex={-1}
        onClick={() => setNavOpen(false)}
      />

      <main className="main" id="main" tabIndex={-1}>
        <GuidelinesBanner key={`banner-${session.org?.id ?? 'none'}`} />
        <Outlet key={session.org?.id ?? 'none'} />
      </main>
    </div>
  );
}
