// Shown above every page until the member has acknowledged the current version of the guidelines.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useApiData } from '../../useApiData.ts';
import { ACK_EVENT, type Overview } from './types.ts';
import './guidelines.css';

export function GuidelinesBanner() {
  const { t } = useTranslation();
  const location = useLocation();
  const overview = useApiData<Overview>('/api/guidelines');
  const { reload } = overview;
  useEffect(() => {
    window.addEventListener(ACK_EVENT, reload);
    return () => window.removeEventListener(ACK_EVENT, reload);
  }, [reload]);
  const current = overview.data?.current;
  // The reading view of the guidelines page carries the acknowledgement itself.
  const tab = new URLSearchParams(location.search).get('tab');
  const reading = location.pathname.startsWith('/guidelines') && (!tab || tab === 'current');
  if (!current || overview.data?.acknowledged || reading) return null;
  return (
    <div className="gl-banner" role="status" data-testid="guidelines-banner">
      <span>{t('guidelines.banner.text', { version: current.number })}</span>
      <Link to="/guidelines" className="btn btn--primary btn--sm" data-testid="guidelines-banner-read">
        {t('guidelines.banner.read')}
      </Link>
    </div>
  );
}
