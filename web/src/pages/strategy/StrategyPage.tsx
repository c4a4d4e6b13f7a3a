// The strategy workspace: the organisation's plan (or a leader's personal one) in sections, with the health
// check first and the plan exportable as a document for the board.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { ErrorState, LoadingState, PageHeader } from '../../components/ui.tsx';
import { useAuthenticated } from '../../session.tsx';
import { useApiData } from '../../useApiData.ts';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import { AudiencesSection } from './AudiencesSection.tsx';
import { ChannelsSection } from './ChannelsSection.tsx';
import { GoalsSection } from './GoalsSection.tsx';
import { HealthSection } from './HealthSection.tsx';
import { PlanProvider, usePlan } from './PlanContext.tsx';
import { ExportLinks, PlanSwitcher } from './PlanSwitcher.tsx';
import { PresenceSection } from './PresenceSection.tsx';
import { ReadOnlyNotice } from './parts.tsx';
import { TeamSection } from './TeamSection.tsx';
import { TopicsSection } from './TopicsSection.tsx';
import './strategy.css';
import './health.css';
import './matrix.css';
import { type PlanDocument, type PlanSummary, SECTIONS, type Section, type Severity } from './types.ts';

const VIEWS: Record<Section, () => React.JSX.Element> = {
  health: HealthSection,
  goals: GoalsSection,
  audiences: AudiencesSection,
  channels: ChannelsSection,
  topics: TopicsSection,
  presence: PresenceSection,
  team: TeamSection,
};

function isSection(value: string | undefined): value is Section {
  return (SECTIONS as readonly string[]).includes(value ?? '');
}

/** Tabs, each with the number of open findings that are fixed there. */
function SectionTabs({ section }: { section: Section }) {
  const { t } = useTranslation();
  const { health, planQuery } = usePlan();
  const findings = (health.data?.findings ?? []).filter((f) => !f.unavailable && f.severity !== 'info');
  return (
    <nav className="tabs" aria-label={t('strategy.sectionsLabel')}>
      {SECTIONS.map((s) => {
        const here = findings.filter((f) => f.fix.startsWith(`/strategy/${s}`));
        const worst: Severity | undefined = here.some((f) => f.severity === 'critical')
          ? 'critical'
          : here.length > 0
            ? 'warning'
            : undefined;
        return (
          <NavLink
            key={s}
            to={`/strategy/${s}${planQuery}`}
            className={`tabs__tab${s === section ? ' tabs__tab--active' : ''}`}
            aria-current={s === section ? 'page' : undefined}
            data-testid={`strategy-tab-${s}`}
          >
            {t(`strategy.sections.${s}`)}
            {s === 'health' && health.data && (
              <span className="tabs__score" data-testid="tab-score">
                {health.data.score}
              </span>
            )}
            {s !== 'health' && worst && (
              <span className={`tabs__badge tabs__badge--${worst}`}>
                <span aria-hidden="true">{here.length}</span>
                <span className="visually-hidden">{t('strategy.openFindings', { count: here.length })}</span>
              </span>
            )}
          </NavLink>
        );
      })}
    </nav>
  );
}

/** A fix link points at a place in a section (#purpose, #goal-…): scroll there, light it up, focus its field. */
function useScrollToAnchor(ready: boolean) {
  const location = useLocation();
  useEffect(() => {
    if (!ready || !location.hash) return;
    const id = decodeURIComponent(location.hash.slice(1));
    const timer = window.setTimeout(() => {
      const el = document.getElementById(id);
      if (!el) return;
      el.scrollIntoView({ behavior: 'smooth', block: 'center' });
      el.classList.remove('flash');
      void el.getBoundingClientRect();
      el.classList.add('flash');
      el.querySelector<HTMLElement>('textarea, input:not([type=radio]):not([type=checkbox]), select')?.focus({
        preventScroll: true,
      });
    }, 50);
    return () => window.clearTimeout(timer);
  }, [ready, location.hash]);
}

export function StrategyPage() {
  const { t } = useTranslation();
  const session = useAuthenticated();
  const canEdit = session.role === 'admin' || session.role === 'editor';
  const params = useParams<{ section?: string }>();
  const [search] = useSearchParams();
  const section: Section = isSection(params.section) ? params.section : 'health';
  useDocumentTitle(`${t(`strategy.sections.${section}`)} · ${t('nav.strategy')}`);

  const plans = useApiData<{ plans: PlanSummary[] }>('/api/strategy/plans');
  const chosen = search.get('plan');
  const planId = chosen ?? plans.data?.plans.find((p) => p.personUserId === null)?.id ?? null;
  const doc = useApiData<PlanDocument>(planId ? `/api/strategy/plans/${encodeURIComponent(planId)}` : null);
  const loaded = doc.data && doc.data.plan.id === planId ? doc.data : undefined;
  useScrollToAnchor(loaded !== undefined);

  if (params.section !== undefined && !isSection(params.section)) return <Navigate to="/strategy" replace />;

  const personal = loaded?.plan.personName;
  return (
    <div className="page page--wide" data-testid="page-strategy">
      <div className="strategy-head">
        <PageHeader
          title={personal ? t('strategy.personalTitle', { name: personal }) : t('nav.strategy')}
          description={t('strategy.description')}
        />
        <div className="strategy-head__actions">
          {plans.data && planId && (
            <PlanSwitcher
              plans={plans.data.plans}
              current={planId}
              canEdit={canEdit}
              onCreated={plans.reload}
            />
          )}
          {loaded && <ExportLinks planId={loaded.plan.id} />}
        </div>
      </div>
      {(plans.error || doc.error) && !loaded && (
        <ErrorState
          error={plans.error ?? doc.error}
          onRetry={() => {
            plans.reload();
            doc.reload();
          }}
        />
      )}
      {!loaded && !(plans.error || doc.error) && <LoadingState />}
      {loaded && (
        <PlanProvider data={{ ...doc, data: loaded }} canEdit={canEdit}>
          <SectionTabs section={section} />
          {!canEdit && <ReadOnlyNotice />}
          <div className="strategy-section" data-testid={`strategy-section-${section}`}>
            {(() => {
              const View = VIEWS[section];
              return <View />;
            })()}
          </div>
        </PlanProvider>
      )}
    </div>
  );
}
