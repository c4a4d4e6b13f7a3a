// The honest empty state of an area that is not built yet: what it will do for the team, and that it is coming.
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../useDocumentTitle.ts';
import type { Area } from './AppShell.tsx';
import { PageHeader } from './ui.tsx';

export function ComingSoon({ area, icon: Icon }: { area: Area; icon: ComponentType<{ size?: number }> }) {
  const { t } = useTranslation();
  useDocumentTitle(t(`nav.${area}`));
  return (
    <div className="page" data-testid={`page-${area}`}>
      <PageHeader title={t(`nav.${area}`)} description={t(`areas.${area}.summary`)} />
      <section className="coming-soon" aria-labelledby={`coming-${area}`}>
        <div className="coming-soon__icon" aria-hidden="true">
          <Icon size={28} />
        </div>
        <span className="badge badge--soon" data-testid="not-built">
          {t('comingSoon.badge')}
        </span>
        <h2 id={`coming-${area}`} className="coming-soon__title">
          {t('comingSoon.title', { area: t(`nav.${area}`) })}
        </h2>
        <p className="coming-soon__detail">{t(`areas.${area}.detail`)}</p>
        <div className="coming-soon__planned">
          <h3>{t('comingSoon.planned')}</h3>
          <ul>
            <li>{t(`areas.${area}.p1`)}</li>
            <li>{t(`areas.${area}.p2`)}</li>
            <li>{t(`areas.${area}.p3`)}</li>
          </ul>
        </div>
        <p className="coming-soon__note muted small">{t('comingSoon.note')}</p>
      </section>
    </div>
  );
}
