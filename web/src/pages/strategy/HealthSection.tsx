// The health check: the score, what it found grouped by severity, each finding with its source and a link to
// where it is fixed.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AlertIcon, CheckIcon, ClockIcon } from '../../components/Icons.tsx';
import { Button, Card, EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { usePlan } from './PlanContext.tsx';
import type { HealthFinding, Severity } from './types.ts';

const ORDER: Severity[] = ['critical', 'warning', 'info'];

export function ScoreRing({ score, size = 88 }: { score: number; size?: number }) {
  const { t } = useTranslation();
  const r = 40;
  const circumference = 2 * Math.PI * r;
  const tone = score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
  return (
    <svg
      className={`score-ring score-ring--${tone}`}
      width={size}
      height={size}
      viewBox="0 0 100 100"
      role="img"
      aria-label={t('strategy.health.scoreLabel', { score })}
      data-testid="health-score"
      data-score={score}
    >
      <circle className="score-ring__track" cx="50" cy="50" r={r} />
      <circle
        className="score-ring__value"
        cx="50"
        cy="50"
        r={r}
        strokeDasharray={`${(circumference * score) / 100} ${circumference}`}
        transform="rotate(-90 50 50)"
      />
      <text x="50" y="50" className="score-ring__text" dominantBaseline="central" textAnchor="middle">
        {score}
      </text>
    </svg>
  );
}

function FindingCard({ finding }: { finding: HealthFinding }) {
  const { t } = useTranslation();
  const { canEdit } = usePlan();
  const Icon = finding.unavailable ? ClockIcon : finding.severity === 'info' ? CheckIcon : AlertIcon;
  return (
    <li
      className={`finding finding--${finding.severity}${finding.unavailable ? ' finding--unavailable' : ''}`}
      data-testid={`finding-${finding.id}`}
      data-check={finding.check}
    >
      <span className="finding__icon" aria-hidden="true">
        <Icon size={18} />
      </span>
      <div className="finding__body">
        <p className="finding__title">{finding.title}</p>
        <p className="finding__explanation">{finding.explanation}</p>
        <p className="finding__next">
          <strong>{t('strategy.health.nextStep')}</strong> {finding.nextStep}
        </p>
        <p className="finding__source">
          {t('strategy.health.source')} {finding.source}
        </p>
      </div>
      {!finding.unavailable && (
        <Link
          className="btn btn--secondary btn--sm finding__fix"
          to={finding.fix}
          data-testid={`fix-${finding.id}`}
        >
          {!finding.fix.startsWith('/strategy')
            ? t('strategy.health.goThere')
            : canEdit
              ? t('strategy.health.fix')
              : t('strategy.health.show')}
        </Link>
      )}
    </li>
  );
}

export function HealthSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const { health } = usePlan();
  const report = health.data;

  if (!report && health.loading) return <LoadingState label={t('strategy.health.running')} />;
  if (!report) return <ErrorState error={health.error} onRetry={health.reload} />;

  const groups = ORDER.map((severity) => ({
    severity,
    findings: report.findings.filter((f) => f.severity === severity && !f.unavailable),
  })).filter((g) => g.findings.length > 0);
  const unavailable = report.findings.filter((f) => f.unavailable);
  const ran = report.checks.filter((c) => c.status !== 'not_applicable' && c.status !== 'unavailable').length;

  return (
    <div className="stack" data-testid="health-section">
      <section className="health-summary card" aria-live="polite">
        <ScoreRing score={report.score} />
        <div className="health-summary__text">
          <h2 className="card__title">{t('strategy.health.title')}</h2>
          <p className="muted">{t('strategy.health.summary', { ran, total: report.checks.length })}</p>
          <ul className="health-counts">
            {ORDER.map((s) => (
              <li key={s} className={`health-count health-count--${s}`} data-testid={`health-count-${s}`}>
                {t(`strategy.health.count.${s}`, {
                  count: report.findings.filter((f) => f.severity === s && !f.unavailable).length,
                })}
              </li>
            ))}
          </ul>
          <p className="muted small">
            {t('strategy.health.checkedAt', { time: format.dateTime(report.checkedAt) })}
          </p>
        </div>
        <Button onClick={health.reload} busy={health.loading} data-testid="health-run">
          {t('strategy.health.run')}
        </Button>
      </section>

      {groups.length === 0 && (
        <EmptyState title={t('strategy.health.allClear')}>{t('strategy.health.allClearHint')}</EmptyState>
      )}

      {groups.map((g) => (
        <Card
          key={g.severity}
          title={t(`strategy.health.group.${g.severity}`, { count: g.findings.length })}
          description={t(`strategy.health.groupHint.${g.severity}`)}
        >
          <ul className="findings" data-testid={`findings-${g.severity}`}>
            {g.findings.map((f) => (
              <FindingCard key={f.id} finding={f} />
            ))}
          </ul>
        </Card>
      ))}

      {unavailable.length > 0 && (
        <Card
          title={t('strategy.health.unavailableTitle')}
          description={t('strategy.health.unavailableHint')}
        >
          <ul className="findings" data-testid="findings-unavailable">
            {unavailable.map((f) => (
              <FindingCard key={f.id} finding={f} />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
