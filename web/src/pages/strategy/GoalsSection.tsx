// Purpose and goals: which tasks social media should solve, and goals tied to business objectives, each with KPIs
// (002, advice 1–2; 004, point 1).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlusIcon } from '../../components/Icons.tsx';
import { Button, Card, EmptyState } from '../../components/ui.tsx';
import { required, useProblems } from '../../validation.ts';
import { KpiEditor } from './KpiEditor.tsx';
import { useDraft, usePlan } from './PlanContext.tsx';
import { SaveBar, SelectField, TextAreaField, TextField, Why } from './parts.tsx';
import { type Goal, KPI_KIND_NAMES, type KpiKind, OBJECTIVES, type Objective } from './types.ts';

function PurposeCard() {
  const { t } = useTranslation();
  const { doc, canEdit, write, planId } = usePlan();
  const { draft, set, dirty, reset } = useDraft({ purpose: doc.plan.purpose });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  return (
    <Card title={t('strategy.goals.purposeTitle')} id="purpose">
      <Why source={t('strategy.sources.bi1')}>{t('strategy.goals.purposeWhy')}</Why>
      <TextAreaField
        label={t('strategy.goals.purposeLabel')}
        value={draft.purpose}
        rows={4}
        disabled={!canEdit}
        placeholder={t('strategy.goals.purposePlaceholder')}
        onChange={(v) => set('purpose', v)}
        error={form.error('purpose')}
        testId="purpose-input"
      />
      {canEdit && (
        <SaveBar
          dirty={dirty}
          busy={busy}
          onReset={reset}
          testId="purpose"
          onSave={() => {
            setBusy(true);
            write('PATCH', `/api/strategy/plans/${planId}`, { purpose: draft.purpose })
              .catch(form.fail)
              .finally(() => setBusy(false));
          }}
        />
      )}
    </Card>
  );
}

function GoalCard({ goal, index }: { goal: Goal; index: number }) {
  const { t } = useTranslation();
  const { canEdit, write } = usePlan();
  const { draft, set, dirty, reset } = useDraft({
    title: goal.title,
    objective: goal.objective,
    objectiveNote: goal.objectiveNote,
  });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  const [newKind, setNewKind] = useState<KpiKind>('mentions_of');
  const [adding, setAdding] = useState(false);
  const objectives = OBJECTIVES.map((o) => ({ value: o, label: t(`strategy.vocab.objective.${o}`) }));

  return (
    <article className="item-card" id={`goal-${goal.id}`} data-testid={`goal-${goal.id}`}>
      <header className="item-card__header">
        <span className="item-card__number">{index + 1}</span>
        <h3 className="item-card__title">{goal.title}</h3>
        <span className="tag">{t(`strategy.vocab.objective.${goal.objective}`)}</span>
      </header>
      <div className="form__row">
        <TextField
          label={t('strategy.goals.goalTitle')}
          value={draft.title}
          disabled={!canEdit}
          onChange={(v) => set('title', v)}
          error={form.error('title')}
        />
        <SelectField
          label={t('strategy.goals.objective')}
          value={draft.objective}
          disabled={!canEdit}
          options={objectives}
          onChange={(v) => v && set('objective', v as Objective)}
          error={form.error('objective')}
          testId={`goal-${goal.id}-objective`}
        />
      </div>
      <TextField
        label={t('strategy.goals.objectiveNote')}
        hint={draft.objective === 'other' ? t('strategy.goals.objectiveNoteHint') : undefined}
        value={draft.objectiveNote}
        optional={draft.objective !== 'other'}
        disabled={!canEdit}
        onChange={(v) => set('objectiveNote', v)}
        error={form.error('objectiveNote')}
      />
      {canEdit && (
        <SaveBar
          dirty={dirty}
          busy={busy}
          onReset={reset}
          testId={`goal-${goal.id}`}
          onSave={() => {
            setBusy(true);
            write('PATCH', `/api/strategy/goals/${goal.id}`, draft)
              .catch(form.fail)
              .finally(() => setBusy(false));
          }}
          onDelete={() => write('DELETE', `/api/strategy/goals/${goal.id}`)}
          confirmTitle={t('strategy.goals.deleteTitle')}
          confirmBody={t('strategy.goals.deleteBody', { title: goal.title })}
        />
      )}

      <div className="kpis">
        <h4 className="subheading">{t('strategy.goals.kpis')}</h4>
        {goal.kpis.length === 0 && <p className="muted small">{t('strategy.goals.noKpis')}</p>}
        {goal.kpis.map((k) => (
          <KpiEditor key={`${k.id}:${JSON.stringify(k)}`} kpi={k} />
        ))}
        {canEdit && (
          <div className="inline-add">
            <select
              className="select--inline"
              aria-label={t('strategy.goals.kpi.kind')}
              value={newKind}
              data-testid={`goal-${goal.id}-kpi-kind`}
              onChange={(e) => {
                const kind = KPI_KIND_NAMES.find((k) => k === e.target.value);
                if (kind) setNewKind(kind);
              }}
            >
              {KPI_KIND_NAMES.map((k) => (
                <option key={k} value={k}>
                  {t(`strategy.vocab.kpiKind.${k}`)}
                </option>
              ))}
            </select>
            <Button
              size="sm"
              busy={adding}
              data-testid={`goal-${goal.id}-kpi-add`}
              onClick={() => {
                setAdding(true);
                write('POST', `/api/strategy/goals/${goal.id}/kpis`, { kind: newKind })
                  .catch(form.fail)
                  .finally(() => setAdding(false));
              }}
            >
              <PlusIcon size={15} />
              {t('strategy.goals.addKpi')}
            </Button>
          </div>
        )}
      </div>
    </article>
  );
}

function NewGoalForm() {
  const { t } = useTranslation();
  const { write, planId } = usePlan();
  const [title, setTitle] = useState('');
  const [objective, setObjective] = useState<Objective>('loyal_customers');
  const form = useProblems();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(title.trim() ? {} : { title: required })) return;
    setBusy(true);
    try {
      await write('POST', `/api/strategy/plans/${planId}/goals`, { title: title.trim(), objective });
      setTitle('');
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="add-form" onSubmit={submit} noValidate data-testid="goal-new">
      <TextField
        label={t('strategy.goals.newTitle')}
        value={title}
        placeholder={t('strategy.goals.newTitlePlaceholder')}
        onChange={(v) => {
          setTitle(v);
          form.edited('title');
        }}
        error={form.error('title')}
        testId="goal-new-title"
      />
      <SelectField
        label={t('strategy.goals.objective')}
        value={objective}
        options={OBJECTIVES.map((o) => ({ value: o, label: t(`strategy.vocab.objective.${o}`) }))}
        onChange={(v) => v && setObjective(v as Objective)}
        testId="goal-new-objective"
      />
      <Button type="submit" variant="primary" busy={busy} data-testid="goal-new-submit">
        <PlusIcon size={15} />
        {t('strategy.goals.add')}
      </Button>
    </form>
  );
}

export function GoalsSection() {
  const { t } = useTranslation();
  const { doc, canEdit } = usePlan();
  return (
    <div className="stack">
      <PurposeCard />
      <Card title={t('strategy.goals.title')} description={t('strategy.goals.description')} id="goals">
        <Why source={t('strategy.sources.bi2')}>{t('strategy.goals.why')}</Why>
        {doc.goals.length === 0 && (
          <EmptyState title={t('strategy.goals.empty')}>{t('strategy.goals.emptyHint')}</EmptyState>
        )}
        <div className="item-list">
          {doc.goals.map((g, i) => (
            <GoalCard key={`${g.id}:${g.title}:${g.objective}:${g.objectiveNote}`} goal={g} index={i} />
          ))}
        </div>
        {canEdit && <NewGoalForm />}
      </Card>
    </div>
  );
}
