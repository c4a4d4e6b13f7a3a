// Which plan is open (the organisation's or a leader's personal one), starting a personal plan, and the export.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, api, type Member } from '../../api.ts';
import { ConfirmDialog, Dialog } from '../../components/Dialog.tsx';
import { PlusIcon } from '../../components/Icons.tsx';
import { Button, Field } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useApiData } from '../../useApiData.ts';
import type { PlanDocument, PlanSummary } from './types.ts';

function NewPlanDialog({
  open,
  taken,
  onClose,
  onCreated,
}: {
  open: boolean;
  taken: Set<string>;
  onClose: () => void;
  onCreated: (planId: string) => void;
}) {
  const { t } = useTranslation();
  const members = useApiData<{ members: Member[] }>(open ? '/api/team/members' : null);
  const available = (members.data?.members ?? []).filter((m) => !taken.has(m.userId));
  const [person, setPerson] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const chosen = person || available[0]?.userId || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(undefined);
    try {
      const doc = await api.post<PlanDocument>('/api/strategy/plans', { personUserId: chosen });
      onCreated(doc.plan.id);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'plan_exists' && typeof err.details.planId === 'string')
        onCreated(err.details.planId);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={t('strategy.plans.newTitle')}
      onClose={onClose}
      testId="new-plan-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form="new-plan-form" busy={busy} disabled={!chosen}>
            {t('strategy.plans.create')}
          </Button>
        </>
      }
    >
      <p>{t('strategy.plans.newIntro')}</p>
      <form id="new-plan-form" onSubmit={submit}>
        {members.data && available.length === 0 ? (
          <p className="muted">{t('strategy.plans.everyoneHasOne')}</p>
        ) : (
          <Field label={t('strategy.plans.person')}>
            {(c) => (
              <select
                {...c}
                value={chosen}
                onChange={(e) => setPerson(e.target.value)}
                data-testid="new-plan-person"
              >
                {available.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </form>
      {error !== undefined && (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </Dialog>
  );
}

export function PlanSwitcher({
  plans,
  current,
  canEdit,
  onCreated,
}: {
  plans: PlanSummary[];
  current: string;
  canEdit: boolean;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>();
  const currentPlan = plans.find((p) => p.id === current);
  const go = (planId: string) => {
    const plan = plans.find((p) => p.id === planId);
    const query = plan && plan.personUserId === null ? '' : `?plan=${encodeURIComponent(planId)}`;
    navigate(`${location.pathname}${query}`);
  };
  return (
    <div className="plan-switcher">
      <label className="visually-hidden" htmlFor="plan-select">
        {t('strategy.plans.label')}
      </label>
      <select
        id="plan-select"
        className="select--inline"
        value={current}
        onChange={(e) => go(e.target.value)}
        data-testid="plan-select"
      >
        {plans.map((p) => (
          <option key={p.id} value={p.id}>
            {p.personUserId === null
              ? t('strategy.plans.org')
              : t('strategy.plans.personal', { name: p.personName ?? '' })}
          </option>
        ))}
      </select>
      {canEdit && (
        <Button size="sm" variant="ghost" onClick={() => setCreating(true)} data-testid="new-plan">
          <PlusIcon size={15} />
          {t('strategy.plans.new')}
        </Button>
      )}
      {canEdit && currentPlan?.personUserId && (
        <Button
          size="sm"
          variant="ghost"
          className="btn--danger-text"
          onClick={() => {
            setDeleteError(undefined);
            setDeleting(true);
          }}
          data-testid="delete-plan"
        >
          {t('strategy.plans.delete')}
        </Button>
      )}
      <ConfirmDialog
        open={deleting}
        title={t('strategy.plans.deleteTitle')}
        body={t('strategy.plans.deleteBody', { name: currentPlan?.personName ?? '' })}
        confirmLabel={t('strategy.plans.delete')}
        busy={deleteBusy}
        error={deleteError === undefined ? undefined : errorText(t, deleteError)}
        onCancel={() => setDeleting(false)}
        onConfirm={() => {
          setDeleteBusy(true);
          api
            .delete(`/api/strategy/plans/${encodeURIComponent(current)}`)
            .then(() => {
              setDeleting(false);
              onCreated();
              navigate(location.pathname);
            })
            .catch(setDeleteError)
            .finally(() => setDeleteBusy(false));
        }}
      />
      <NewPlanDialog
        open={creating}
        taken={new Set(plans.flatMap((p) => (p.personUserId ? [p.personUserId] : [])))}
        onClose={() => setCreating(false)}
        onCreated={(planId) => {
          setCreating(false);
          onCreated();
          navigate(`/strategy/goals?plan=${encodeURIComponent(planId)}`);
        }}
      />
    </div>
  );
}

export function ExportLinks({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const base = `/api/strategy/plans/${encodeURIComponent(planId)}/export`;
  const query = `?locale=${encodeURIComponent(i18n.language)}`;
  return (
    <div className="export-links" title={t('strategy.export.label')}>
      <a className="btn btn--secondary btn--sm" href={`${base}.md${query}`} download data-testid="export-md">
        {t('strategy.export.markdown')}
      </a>
      <a
        className="btn btn--secondary btn--sm"
        href={`${base}.pdf${query}`}
        download
        data-testid="export-pdf"
      >
        {t('strategy.export.pdf')}
      </a>
    </div>
  );
}
