// The Listen area: the mentions stream, monitors (list, editor with live validation, charts) and sources
// (RSS/Atom feeds with their status), under /listen.
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { PageHeader } from '../../components/ui.tsx';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import { AlertDetail, AlertList } from './AlertList.tsx';
import { AlertSettings } from './AlertSettings.tsx';
import { AuthorByHandle, AuthorDetail } from './AuthorDetail.tsx';
import { AuthorList } from './AuthorList.tsx';
import { Mentions } from './Mentions.tsx';
import { MonitorDetail } from './MonitorDetail.tsx';
import { MonitorEditor } from './MonitorEditor.tsx';
import { Monitors } from './Monitors.tsx';
import { Sources } from './Sources.tsx';
import { StormToast } from './StormParts.tsx';
import { StoryDetail } from './StoryDetail.tsx';
import { StoryList } from './StoryList.tsx';
import './listen.css';

const TABS = ['mentions', 'stories', 'authors', 'monitors', 'alerts', 'sources'] as const;

function Tabs() {
  const { t } = useTranslation();
  const seg = useLocation().pathname.split('/')[2] ?? '';
  const current = seg === '' ? 'mentions' : seg;
  return (
    <nav className="listen-tabs" aria-label={t('listen.tabsLabel')}>
      {TABS.map((tab) => (
        <NavLink
          key={tab}
          to={tab === 'mentions' ? '/listen' : `/listen/${tab}`}
          end={tab === 'mentions'}
          className={`listen-tabs__tab${current === tab ? ' listen-tabs__tab--active' : ''}`}
          aria-current={current === tab ? 'page' : undefined}
          data-testid={`listen-tab-${tab}`}
        >
          {t(`listen.tabs.${tab}`)}
        </NavLink>
      ))}
    </nav>
  );
}

export function ListenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.listen'));
  return (
    <div className="page listen">
      <PageHeader title={t('nav.listen')} description={t('listen.description')} />
      <Tabs />
      <StormToast />
      <Routes>
        <Route index element={<Mentions />} />
        <Route path="monitors" element={<Monitors />} />
        <Route path="monitors/new" element={<MonitorEditor />} />
        <Route path="monitors/:monitorId" element={<MonitorDetail />} />
        <Route path="monitors/:monitorId/edit" element={<MonitorEditor />} />
        <Route path="sources" element={<Sources />} />
        <Route path="alerts" element={<AlertList />} />
        <Route path="alerts/settings" element={<AlertSettings />} />
        <Route path="alerts/:alertId" element={<AlertDetail />} />
        <Route path="stories" element={<StoryList />} />
        <Route path="stories/:storyId" element={<StoryDetail />} />
        <Route path="authors" element={<AuthorList />} />
        <Route path="authors/by/:source/:handle" element={<AuthorByHandle />} />
        <Route path="authors/:authorId" element={<AuthorDetail />} />
      </Routes>
    </div>
  );
}
