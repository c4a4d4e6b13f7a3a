// The Publish area: calendar, approvals, drafts, the authorship ledger and queue slots, the composer and a
// post's detail, under /publish.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { PageHeader } from '../../components/ui.tsx';
import { useApiData } from '../../useApiData.ts';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import { Calendar } from './Calendar.tsx';
import { Composer } from './Composer.tsx';
import { Ledger } from './Ledger.tsx';
import { Approvals, Drafts } from './Lists.tsx';
import { PostDetail } from './PostDetail.tsx';
import { PublishProvider, usePublish } from './parts.tsx';
import { Slots } from './Slots.tsx';
import type { Post } from './types.ts';
import './publish.css';

const TABS = ['calendar', 'approvals', 'drafts', 'ledger', 'slots'] as const;
type Tab = (typeof TABS)[number];

function tabOf(pathname: string): Tab | undefined {
  const seg = pathname.split('/')[2] ?? '';
  if (seg === '') return 'calendar';
  return (TABS as readonly string[]).includes(seg) ? (seg as Tab) : undefined;
}

function Tabs() {
  const { t } = useTranslation();
  const location = useLocation();
  const current = tabOf(location.pathname);
  const approvals = useApiData<{ posts: Post[] }>('/api/approvals');
  const { reload } = approvals;
  const { approvalsVersion } = usePublish();
  // Counts follow what happens elsewhere in the area: approving, submitting, sending back.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on every navigation and every approval action
  useEffect(() => reload(), [location.key, approvalsVersion, reload]);
  const count = approvals.data?.posts.length ?? 0;
  return (
    <nav className="pub-tabs" aria-label={t('publish.tabsLabel')}>
      {TABS.map((tab) => (
        <NavLink
          key={tab}
          to={tab === 'calendar' ? '/publish' : `/publish/${tab}`}
          end
          className={`pub-tabs__tab${current === tab ? ' pub-tabs__tab--active' : ''}`}
          aria-current={current === tab ? 'page' : undefined}
          data-testid={`publish-tab-${tab}`}
        >
          {t(`publish.tabs.${tab}`)}
          {tab === 'approvals' && count > 0 && (
            <span className="pub-tabs__count" data-testid="approvals-count">
              {count}
            </span>
          )}
        </NavLink>
      ))}
    </nav>
  );
}

function Area() {
  const { t } = useTranslation();
  const location = useLocation();
  const { canWrite } = usePublish();
  const tab = tabOf(location.pathname);
  const composing = location.pathname.startsWith('/publish/compose');
  useDocumentTitle(
    composing
      ? t('publish.composer.title')
      : tab
        ? `${t(`publish.tabs.${tab}`)} · ${t('nav.publish')}`
        : t('nav.publish'),
  );
  return (
    <div className="page page--wide publish" data-testid="page-publish">
      <div className="publish__head">
        <PageHeader
          title={composing ? t('publish.composer.title') : t('nav.publish')}
          description={composing ? t('publish.composer.description') : t('publish.description')}
        />
        {canWrite && !composing && (
          <Link to="/publish/compose" className="btn btn--primary" data-testid="publish-new">
            {t('publish.newPost')}
          </Link>
        )}
      </div>
      {!composing && <Tabs />}
      <Routes>
        <Route index element={<Calendar />} />
        <Route path="approvals" element={<Approvals />} />
        <Route path="drafts" element={<Drafts />} />
        <Route path="ledger" element={<Ledger />} />
        <Route path="slots" element={<Slots />} />
        <Route path="compose" element={<Composer />} />
        <Route path="compose/:postId" element={<Composer />} />
        <Route path="posts/:postId" element={<PostDetail />} />
        <Route path="*" element={<Navigate to="/publish" replace />} />
      </Routes>
    </div>
  );
}

export function PublishPage() {
  return (
    <PublishProvider>
      <Area />
    </PublishProvider>
  );
}
