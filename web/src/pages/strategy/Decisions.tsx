// Dutta's three decisions beside the matrix (001): professional or personal goals, a closed group or the broad
// public, and the resources – hours a week and the will – that the team has written down.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { usePlan } from './PlanContext.tsx';
import { Why } from './parts.tsx';
import { GOAL_ORIENTATIONS, REACH_CHOICES } from './types.ts';

export function Decisions() {
  const { t } = useTranslation();
  const format = useFormat();
  const { doc, canEdit, write, planId, planQuery } = usePlan();
  const [error, setError] = useState<unknown>();
  const hours = doc.responsibilities.filter((r) => r.isMember).reduce((s, r) => s + (r.hoursPerWeek ?? 0), 0);
  const people = new Set(
    doc.responsibilities.filter((r) => r.isMember && (r.hoursPerWeek ?? 0) > 0).map((r) => r.userId),
  );
  const patch = (body: object) => {
    setError(undefined);
    write('PATCH', `/api/strategy/plans/${planId}`, body).catch(setError);
  };
  return (
    <div className="decisions" id="decisions" data-testid="decisions">
      <Why source={t('strategy.sources.dutta3')}>{t('strategy.channels.decisionsWhy')}</Why>
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      <fieldset className="choice-group" disabled={!canEdit}>
        <legend>{t('strategy.channels.decisionGoals')}</legend>
        {GOAL_ORIENTATIONS.map((o) => (
          <label key={o} className="choice">
            <input
              type="radio"
              name="goal-orientation"
              checked={doc.plan.goalOrientation === o}
              onChange={() => patch({ goalOrientation: o })}
              data-testid={`decision-goals-${o}`}
            />
            {t(`strategy.vocab.goalOrientation.${o}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group" disabled={!canEdit}>
        <legend>{t('strategy.channels.decisionReach')}</legend>
        {REACH_CHOICES.map((r) => (
          <label key={r} className="choice">
            <input
              type="radio"
              name="reach"
              checked={doc.plan.reach === r}
              onChange={() => patch({ reach: r })}
              data-testid={`decision-reach-${r}`}
            />
            {t(`strategy.vocab.reach.${r}`)}
          </label>
        ))}
      </fieldset>
      <div className="choice-group">
        <p className="choice-group__legend">{t('strategy.channels.decisionResources')}</p>
        <p>
          {hours > 0
            ? t('strategy.channels.resources', { hours: format.number(hours), count: people.size })
            : t('strategy.channels.noResources')}{' '}
          <Link to={`/strategy/team${planQuery}#responsibilities`}>
            {t('strategy.channels.editResources')}
          </Link>
        </p>
      </div>
    </div>
  );
}
