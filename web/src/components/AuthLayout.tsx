// The frame for screens before the app: onboarding, sign-in, invitations. Brand, a card, the language menu.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LogoMark } from './Icons.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';

interface Props {
  title: ReactNode;
  intro?: ReactNode;
  children: ReactNode;
  wide?: boolean;
  /** Onboarding asks for the language inside its form, so it hides the corner menu. */
  showLanguage?: boolean;
}

export function AuthLayout({ title, intro, children, wide = false, showLanguage = true }: Props) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <header className="auth__top">
        <div className="wordmark">
          <LogoMark />
          <span className="wordmark__text">{t('app.name')}</span>
        </div>
        {showLanguage && <LanguageSelect compact />}
      </header>
      <main className={`auth__card${wide ? ' auth__card--wide' : ''}`} id="main">
        <h1 className="auth__title">{title}</h1>
        {intro && <div className="auth__intro">{intro}</div>}
        {children}
      </main>
      <footer className="auth__footer">{t('app.footer')}</footer>
    </div>
  );
}

export function FullPage({ children }: { children: ReactNode }) {
  return <div className="full-page">{children}</div>;
}
