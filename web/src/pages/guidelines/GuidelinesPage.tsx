// Guidelines written together: the current version to read and acknowledge, proposals with comments, the rules
// the draft checker applies, a box to try a text, and (for admins) who has acknowledged.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Role } from '../../api.ts';
import { ErrorState, LoadingState, PageHeader } from '../../components/ui.tsx';
import { useAuthenticated } from '../../session.tsx';
import { useApiData } from '../../useApiData.ts';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import { AcknowledgementsTab } from './AcknowledgementsTab.tsx';
import { CurrentTab } from './CurrentTab.tsx';
import { ProposalsTab } from './ProposalsTab.tsx';
import { RulesTab } from './RulesTab.tsx';
import { TryTab } from './TryTab.tsx';
import './guidelines.css';
import type { Overview } from './types.ts';

const TABS = ['current', 'proposals', 'rules', 'try', 'acknowledgements'] as const;
type Tab = (typeof TABS)[number];

export interface Abilities {
  /** Propose and edit proposals (content.write). */
  write: boolean;
  /** Publish versions and see acknowledgements (settings.manage). */
  admin: boolean;
  /** Write rules (content.approve). */
  rules: boolean;
}

export function abilitiesOf(role: Role | null): Abilities {
  return {
    write: role === 'admin' || role === 'editor',
    admin: role === 'admin',
    rules: role === 'admin' || role === 'approver',
  };
}

export function GuidelinesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.guidelines'));
  const session = useAuthenticated();
  const can = abilitiesOf(session.role);
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as Tab | null;
  const tabs = TABS.filter((tab) => tab !== 'acknowledgements' || can.admin);
  const tab: Tab = requested && tabs.includes(requested) ? requested : 'current';
  const overview = useApiData<Overview>('/api/guidelines');

  const go = (next: Tab, extra: Record<string, string> = {}) => setParams({ tab: next, ...extra });

  return (
    <div className="page page--wide">
      <PageHeader title={t('guidelines.title')} description={t('guidelines.description')} />
      <nav className="gl-tabs" aria-label={t('guidelines.tabsLabel')}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            className={`gl-tabs__tab${name === tab ? ' gl-tabs__tab--active' : ''}`}
            aria-current={name === tab ? 'page' : undefined}
            data-testid={`guidelines-tab-${name}`}
            onClick={() => go(name)}
          >
            {t(`guidelines.tabs.${name}`)}
            {name === 'proposals' && (overview.data?.openProposals ?? 0) > 0 && (
              <span className="gl-tabs__count">{overview.data?.openProposals}</span>
            )}
          </button>
        ))}
      </nav>
      {overview.loading && !overview.data ? (
        <LoadingState />
      ) : overview.error && !overview.data ? (
        <ErrorState error={overview.error} onRetry={overview.reload} />
      ) : overview.data ? (
        <>
          {tab === 'current' && (
            <CurrentTab
              overview={overview.data}
              can={can}
              onChanged={overview.reload}
              onPropose={(id) => go('proposals', { proposal: id })}
            />
          )}
          {tab === 'proposals' && (
            <ProposalsTab
              overview={overview.data}
              can={can}
              selected={params.get('proposal')}
              onSelect={(id) => go('proposals', id ? { proposal: id } : {})}
              onChanged={overview.reload}
            />
          )}
          {tab === 'rules' && <RulesTab overview={overview.data} can={can} />}
          {tab === 'try' && <TryTab />}
          {tab === 'acknowledgements' && can.admin && <AcknowledgementsTab />}
        </>
      ) : null}
    </div>
  );
}
