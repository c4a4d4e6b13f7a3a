// Who does what: the leader and their visible backing, and a team, never one person, each with hours a week
// and the will to do it (004, point 3; 001: the third decision, resources).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PlusIcon } from '../../components/Icons.tsx';
import { Button, Card, EmptyState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { required, useProblems } from '../../validation.ts';
import { numberText, parseNumber, useDraft, usePlan } from './PlanContext.tsx';
import { SaveBar, SelectField, TextAreaField, TextField, Why } from './parts.tsx';
import { COMMITMENTS, type Commitment, type Responsibility } from './types.ts';

function LeaderCard() {
  const { t } = useTranslation();
  const { doc, canEdit, write, planId } = usePlan();
  const { draft, set, dirty, reset } = useDraft({
    leaderUserId: doc.plan.leaderUserId,
    leaderBacking: doc.plan.leaderBacking,
    rewards: doc.plan.rewards,
    peerNetwork: doc.plan.peerNetwork,
  });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  return (
    <Card
      title={t('strategy.team.leaderTitle')}
      description={t('strategy.team.leaderDescription')}
      id="leader"
    >
      <Why source={t('strategy.sources.p004_3')}>{t('strategy.team.leaderWhy')}</Why>
      <div className="form__row">
        <SelectField
          label={t('strategy.team.leader')}
          value={draft.leaderUserId}
          disabled={!canEdit || doc.plan.personUserId !== null}
          empty={t('strategy.team.noLeader')}
          options={doc.members.map((m) => ({ value: m.userId, label: m.name }))}
          onChange={(v) => set('leaderUserId', v)}
          error={form.error('leaderUserId')}
          testId="leader-select"
        />
        <TextField
          label={t('strategy.team.peerNetwork')}
          hint={t('strategy.team.peerNetworkHint')}
          value={draft.peerNetwork}
          optional
          disabled={!canEdit}
          onChange={(v) => set('peerNetwork', v)}
        />
      </div>
      <TextAreaField
        label={t('strategy.team.backing')}
        hint={t('strategy.team.backingHint')}
        value={draft.leaderBacking}
        rows={2}
        disabled={!canEdit}
        onChange={(v) => set('leaderBacking', v)}
        testId="leader-backing"
      />
      <TextAreaField
        label={t('strategy.team.rewards')}
        value={draft.rewards}
        rows={2}
        optional
        disabled={!canEdit}
        onChange={(v) => set('rewards', v)}
      />
      {canEdit && (
        <SaveBar
          dirty={dirty}
          busy={busy}
          onReset={reset}
          testId="leader"
          onSave={() => {
            setBusy(true);
            write('PATCH', `/api/strategy/plans/${planId}`, draft)
              .catch(form.fail)
              .finally(() => setBusy(false));
          }}
        />
      )}
    </Card>
  );
}

function ResponsibilityRow({ row }: { row: Responsibility }) {
  const { t, i18n } = useTranslation();
  const { doc, canEdit, write } = usePlan();
  const { draft, set, dirty, reset } = useDraft({
    userId: row.userId,
    responsibility: row.responsibility,
    hoursPerWeek: numberText(row.hoursPerWeek, i18n.language),
    commitment: row.commitment,
  });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  const people = doc.members.map((m) => ({ value: m.userId, label: m.name }));
  if (!row.isMember)
    people.unshift({ value: row.userId, label: t('strategy.team.formerMember', { name: row.name }) });

  async function save() {
    const hours = parseNumber(draft.hoursPerWeek);
    if (!form.check(hours === undefined ? { hoursPerWeek: required } : {})) return;
    setBusy(true);
    try {
      await write('PATCH', `/api/strategy/responsibilities/${row.id}`, { ...draft, hoursPerWeek: hours });
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article
      className={`item-card item-card--row${row.isMember ? '' : ' item-card--warning'}`}
      id={`responsibility-${row.id}`}
      data-testid={`responsibility-${row.id}`}
    >
      <div className="form__row form__row--responsibility">
        <SelectField
          label={t('strategy.team.person')}
          value={draft.userId}
          disabled={!canEdit}
          options={people}
          onChange={(v) => v && set('userId', v)}
          error={form.error('userId')}
        />
        <TextField
          label={t('strategy.team.responsibility')}
          value={draft.responsibility}
          disabled={!canEdit}
          onChange={(v) => set('responsibility', v)}
          error={form.error('responsibility')}
        />
        <TextField
          label={t('strategy.team.hours')}
          value={draft.hoursPerWeek}
          inputMode="decimal"
          disabled={!canEdit}
          onChange={(v) => set('hoursPerWeek', v)}
          error={form.error('hoursPerWeek')}
          testId={`responsibility-${row.id}-hours`}
        />
        <SelectField
          label={t('strategy.team.will')}
          value={draft.commitment}
          disabled={!canEdit}
          empty={t('strategy.team.willUnknown')}
          options={COMMITMENTS.map((c) => ({ value: c, label: t(`strategy.vocab.commitment.${c}`) }))}
          onChange={(v) => set('commitment', v as Commitment | null)}
        />
      </div>
      {canEdit && (
        <SaveBar
          dirty={dirty}
          busy={busy}
          onReset={reset}
          onSave={() => void save()}
          testId={`responsibility-${row.id}`}
          onDelete={() => write('DELETE', `/api/strategy/responsibilities/${row.id}`)}
          deleteLabel={t('strategy.common.remove')}
          confirmBody={t('strategy.team.deleteBody', { name: row.name, responsibility: row.responsibility })}
        />
      )}
    </article>
  );
}

function NewResponsibility() {
  const { t } = useTranslation();
  const { doc, write, planId } = usePlan();
  const [userId, setUserId] = useState<string | null>(doc.members[0]?.userId ?? null);
  const [responsibility, setResponsibility] = useState('');
  const [hours, setHours] = useState('');
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseNumber(hours);
    if (
      !form.check({
        ...(!responsibility.trim() && { responsibility: required }),
        ...(parsed === undefined && { hoursPerWeek: required }),
        ...(!userId && { userId: required }),
      })
    )
      return;
    setBusy(true);
    try {
      await write('POST', `/api/strategy/plans/${planId}/responsibilities`, {
        userId,
        responsibility: responsibility.trim(),
        hoursPerWeek: parsed,
      });
      setResponsibility('');
      setHours('');
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="add-form add-form--4" onSubmit={submit} noValidate data-testid="responsibility-new">
      <SelectField
        label={t('strategy.team.person')}
        value={userId}
        options={doc.members.map((m) => ({ value: m.userId, label: m.name }))}
        onChange={setUserId}
        error={form.error('userId')}
        testId="responsibility-new-person"
      />
      <TextField
        label={t('strategy.team.responsibility')}
        value={responsibility}
        placeholder={t('strategy.team.responsibilityPlaceholder')}
        onChange={(v) => {
          setResponsibility(v);
          form.edited('responsibility');
        }}
        error={form.error('responsibility')}
        testId="responsibility-new-text"
      />
      <TextField
        label={t('strategy.team.hours')}
        value={hours}
        inputMode="decimal"
        onChange={setHours}
        error={form.error('hoursPerWeek')}
        testId="responsibility-new-hours"
      />
      <Button type="submit" variant="primary" busy={busy} data-testid="responsibility-new-submit">
        <PlusIcon size={15} />
        {t('strategy.team.add')}
      </Button>
    </form>
  );
}

export function TeamSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const { doc, canEdit } = usePlan();
  const members = doc.responsibilities.filter((r) => r.isMember);
  const hours = members.reduce((s, r) => s + (r.hoursPerWeek ?? 0), 0);
  const inPlan = new Set(members.map((r) => r.userId));
  const outside = doc.members.filter((m) => !inPlan.has(m.userId));
  return (
    <div className="stack">
      <LeaderCard />
      <Card
        title={t('strategy.team.title')}
        description={t('strategy.team.summary', { count: inPlan.size, hours: format.number(hours) })}
        id="responsibilities"
      >
        <Why source={t('strategy.sources.p004_3')}>{t('strategy.team.why')}</Why>
        {doc.responsibilities.length === 0 && (
          <EmptyState title={t('strategy.team.empty')}>{t('strategy.team.emptyHint')}</EmptyState>
        )}
        <div className="item-list">
          {doc.responsibilities.map((r) => (
            <ResponsibilityRow key={`${r.id}:${JSON.stringify(r)}`} row={r} />
          ))}
        </div>
        {outside.length > 0 && (
          <p className="muted small">
            {t('strategy.team.outside', { names: outside.map((m) => m.name).join(', ') })}
          </p>
        )}
        {doc.members.length <= 1 && (
          <p className="muted small">
            {t('strategy.team.alone')} <Link to="/team">{t('strategy.team.invite')}</Link>
          </p>
        )}
        {canEdit && <NewResponsibility />}
      </Card>
    </div>
  );
}
