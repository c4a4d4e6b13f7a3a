// One KPI: what it counts (a typed kind with its parameters, so measurement can compute it later), where it
// starts, where it should get to, and by when.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblems } from '../../validation.ts';
import { lines, numberText, parseNumber, useDraft, usePlan } from './PlanContext.tsx';
import { SaveBar, SelectField, TextField } from './parts.tsx';
import { KPI_KIND_NAMES, KPI_KINDS, type Kpi, type KpiKind, type KpiParams } from './types.ts';

export function KpiEditor({ kpi }: { kpi: Kpi }) {
  const { t, i18n } = useTranslation();
  const { doc, canEdit, write } = usePlan();
  const { draft, set, dirty, reset } = useDraft({
    kind: kpi.kind,
    term: kpi.params.term ?? '',
    competitors: (kpi.params.competitors ?? []).join('\n'),
    channelId: kpi.params.channelId ?? null,
    audienceId: kpi.params.audienceId ?? null,
    description: kpi.params.description ?? '',
    unitLabel: kpi.params.unitLabel ?? '',
    baseline: numberText(kpi.baseline, i18n.language),
    target: numberText(kpi.target, i18n.language),
    targetDate: kpi.targetDate ?? '',
  });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  const wanted = KPI_KINDS[draft.kind].params as readonly string[];
  const unit = KPI_KINDS[draft.kind].unit;
  const unitText =
    unit === 'custom' ? draft.unitLabel : unit === 'count' ? '' : t(`strategy.vocab.unit.${unit}`);

  async function save() {
    const baseline = parseNumber(draft.baseline);
    const target = parseNumber(draft.target);
    const problems = {
      ...(baseline === undefined && { baseline: { key: 'validation.required' as const } }),
      ...(target === undefined && { target: { key: 'validation.required' as const } }),
    };
    if (!form.check(problems)) return;
    const params: KpiParams = {};
    if (wanted.includes('term')) params.term = draft.term.trim() || null;
    if (wanted.includes('competitors')) params.competitors = lines(draft.competitors.replaceAll(',', '\n'));
    if (wanted.includes('channelId')) params.channelId = draft.channelId;
    if (wanted.includes('audienceId')) params.audienceId = draft.audienceId;
    if (wanted.includes('description')) params.description = draft.description.trim() || null;
    if (wanted.includes('unitLabel')) params.unitLabel = draft.unitLabel.trim() || null;
    setBusy(true);
    try {
      await write('PATCH', `/api/strategy/kpis/${kpi.id}`, {
        kind: draft.kind,
        params,
        baseline,
        target,
        targetDate: draft.targetDate || null,
      });
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  const disabled = !canEdit;
  return (
    <div className="kpi" id={`kpi-${kpi.id}`} data-testid={`kpi-${kpi.id}`}>
      {form.failureText && <p className="field__error">{form.failureText}</p>}
      <div className="kpi__grid">
        <SelectField
          label={t('strategy.goals.kpi.kind')}
          value={draft.kind}
          disabled={disabled}
          options={KPI_KIND_NAMES.map((k) => ({ value: k, label: t(`strategy.vocab.kpiKind.${k}`) }))}
          onChange={(v) => v && set('kind', v as KpiKind)}
          error={form.error('kind')}
        />
        {wanted.includes('term') && (
          <TextField
            label={t('strategy.goals.kpi.term')}
            value={draft.term}
            disabled={disabled}
            onChange={(v) => set('term', v)}
            error={form.error('params.term')}
          />
        )}
        {wanted.includes('competitors') && (
          <TextField
            label={t('strategy.goals.kpi.competitors')}
            hint={t('strategy.goals.kpi.competitorsHint')}
            value={draft.competitors.replaceAll('\n', ', ')}
            disabled={disabled}
            onChange={(v) => set('competitors', v)}
            error={form.error('params.competitors')}
          />
        )}
        {wanted.includes('audienceId') && (
          <SelectField
            label={t('strategy.goals.kpi.audience')}
            value={draft.audienceId}
            disabled={disabled}
            empty={t('strategy.goals.kpi.choose')}
            options={doc.audiences.map((a) => ({ value: a.id, label: a.name }))}
            onChange={(v) => set('audienceId', v)}
            error={form.error('params.audienceId')}
          />
        )}
        {wanted.includes('channelId') && (
          <SelectField
            label={t('strategy.goals.kpi.channel')}
            value={draft.channelId}
            disabled={disabled}
            empty={t('strategy.goals.kpi.allChannels')}
            options={doc.channels.map((c) => ({ value: c.id, label: c.handle }))}
            onChange={(v) => set('channelId', v)}
            error={form.error('params.channelId')}
          />
        )}
        {wanted.includes('description') && (
          <TextField
            label={t('strategy.goals.kpi.description')}
            value={draft.description}
            disabled={disabled}
            onChange={(v) => set('description', v)}
            error={form.error('params.description')}
          />
        )}
        {wanted.includes('unitLabel') && (
          <TextField
            label={t('strategy.goals.kpi.unitLabel')}
            value={draft.unitLabel}
            disabled={disabled}
            onChange={(v) => set('unitLabel', v)}
          />
        )}
        <TextField
          label={
            unitText
              ? t('strategy.goals.kpi.baselineIn', { unit: unitText })
              : t('strategy.goals.kpi.baseline')
          }
          value={draft.baseline}
          inputMode="decimal"
          disabled={disabled}
          onChange={(v) => set('baseline', v)}
          error={form.error('baseline')}
          testId={`kpi-${kpi.id}-baseline`}
        />
        <TextField
          label={
            unitText ? t('strategy.goals.kpi.targetIn', { unit: unitText }) : t('strategy.goals.kpi.target')
          }
          value={draft.target}
          inputMode="decimal"
          disabled={disabled}
          onChange={(v) => set('target', v)}
          error={form.error('target')}
          testId={`kpi-${kpi.id}-target`}
        />
        <TextField
          label={t('strategy.goals.kpi.date')}
          type="date"
          value={draft.targetDate}
          disabled={disabled}
          onChange={(v) => set('targetDate', v)}
          error={form.error('targetDate')}
          testId={`kpi-${kpi.id}-date`}
        />
      </div>
      {canEdit && (
        <SaveBar
          dirty={dirty}
          busy={busy}
          onSave={() => void save()}
          onReset={reset}
          onDelete={() => write('DELETE', `/api/strategy/kpis/${kpi.id}`)}
          confirmTitle={t('strategy.goals.kpi.deleteTitle')}
          testId={`kpi-${kpi.id}`}
        />
      )}
    </div>
  );
}
