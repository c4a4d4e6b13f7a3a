// Audiences on the participation ladder, from those who take no part to those who create, and what each should
// get from us (002, advice 3; 003, practice 1).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlusIcon } from '../../components/Icons.tsx';
import { Button, Card, EmptyState } from '../../components/ui.tsx';
import { required, useProblems } from '../../validation.ts';
import { useDraft, usePlan } from './PlanContext.tsx';
import { SaveBar, SelectField, TextAreaField, TextField, Why } from './parts.tsx';
import { type Audience, PARTICIPATION, type Participation } from './types.ts';

function Ladder() {
  const { t } = useTranslation();
  const { doc } = usePlan();
  return (
    <ol className="ladder" aria-label={t('strategy.audiences.ladderLabel')} data-testid="ladder">
      {PARTICIPATION.map((rung, i) => {
        const here = doc.audiences.filter((a) => a.participation === rung);
        return (
          <li key={rung} className={`ladder__rung ladder__rung--${i}`}>
            <span className="ladder__name">{t(`strategy.vocab.participation.${rung}`)}</span>
            <span className="ladder__hint">{t(`strategy.audiences.rungHint.${rung}`)}</span>
            <span className="ladder__audiences">
              {here.map((a) => (
                <a key={a.id} className="chip" href={`#audience-${a.id}`}>
                  {a.name}
                </a>
              ))}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function AudienceCard({ audience }: { audience: Audience }) {
  const { t } = useTranslation();
  const { canEdit, write, doc } = usePlan();
  const { draft, set, dirty, reset } = useDraft({
    name: audience.name,
    participation: audience.participation,
    description: audience.description,
    offer: audience.offer,
  });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  const channels = doc.channels.filter((c) => c.audienceIds.includes(audience.id));
  return (
    <article className="item-card" id={`audience-${audience.id}`} data-testid={`audience-${audience.id}`}>
      <div className="form__row">
        <TextField
          label={t('strategy.audiences.name')}
          value={draft.name}
          disabled={!canEdit}
          onChange={(v) => set('name', v)}
          error={form.error('name')}
        />
        <SelectField
          label={t('strategy.audiences.participation')}
          value={draft.participation}
          disabled={!canEdit}
          options={PARTICIPATION.map((p) => ({ value: p, label: t(`strategy.vocab.participation.${p}`) }))}
          onChange={(v) => v && set('participation', v as Participation)}
        />
      </div>
      <TextAreaField
        label={t('strategy.audiences.offer')}
        hint={t('strategy.audiences.offerHint')}
        value={draft.offer}
        rows={2}
        disabled={!canEdit}
        onChange={(v) => set('offer', v)}
        error={form.error('offer')}
        testId={`audience-${audience.id}-offer`}
      />
      <TextAreaField
        label={t('strategy.audiences.descriptionLabel')}
        value={draft.description}
        rows={2}
        optional
        disabled={!canEdit}
        onChange={(v) => set('description', v)}
      />
      <p className="muted small">
        {channels.length > 0
          ? t('strategy.audiences.reachedBy', { channels: channels.map((c) => c.handle).join(', ') })
          : t('strategy.audiences.notReached')}
      </p>
      {canEdit && (
        <SaveBar
          dirty={dirty}
          busy={busy}
          onReset={reset}
          testId={`audience-${audience.id}`}
          onSave={() => {
            setBusy(true);
            write('PATCH', `/api/strategy/audiences/${audience.id}`, draft)
              .catch(form.fail)
              .finally(() => setBusy(false));
          }}
          onDelete={() => write('DELETE', `/api/strategy/audiences/${audience.id}`)}
          confirmBody={t('strategy.audiences.deleteBody', { name: audience.name })}
        />
      )}
    </article>
  );
}

function NewAudienceForm() {
  const { t } = useTranslation();
  const { write, planId } = usePlan();
  const [name, setName] = useState('');
  const [participation, setParticipation] = useState<Participation>('spectators');
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(name.trim() ? {} : { name: required })) return;
    setBusy(true);
    try {
      await write('POST', `/api/strategy/plans/${planId}/audiences`, { name: name.trim(), participation });
      setName('');
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="add-form" onSubmit={submit} noValidate data-testid="audience-new">
      <TextField
        label={t('strategy.audiences.newName')}
        value={name}
        placeholder={t('strategy.audiences.newNamePlaceholder')}
        onChange={(v) => {
          setName(v);
          form.edited('name');
        }}
        error={form.error('name')}
        testId="audience-new-name"
      />
      <SelectField
        label={t('strategy.audiences.participation')}
        value={participation}
        options={PARTICIPATION.map((p) => ({ value: p, label: t(`strategy.vocab.participation.${p}`) }))}
        onChange={(v) => v && setParticipation(v as Participation)}
        testId="audience-new-participation"
      />
      <Button type="submit" variant="primary" busy={busy} data-testid="audience-new-submit">
        <PlusIcon size={15} />
        {t('strategy.audiences.add')}
      </Button>
    </form>
  );
}

export function AudiencesSection() {
  const { t } = useTranslation();
  const { doc, canEdit } = usePlan();
  return (
    <div className="stack">
      <Card
        title={t('strategy.audiences.ladderTitle')}
        description={t('strategy.audiences.ladderDescription')}
      >
        <Why source={t('strategy.sources.bi3')}>{t('strategy.audiences.why')}</Why>
        <Ladder />
      </Card>
      <Card title={t('strategy.audiences.title')} id="audiences">
        {doc.audiences.length === 0 && (
          <EmptyState title={t('strategy.audiences.empty')}>{t('strategy.audiences.emptyHint')}</EmptyState>
        )}
        <div className="item-list item-list--grid">
          {doc.audiences.map((a) => (
            <AudienceCard key={`${a.id}:${JSON.stringify(a)}`} audience={a} />
          ))}
        </div>
        {canEdit && <NewAudienceForm />}
      </Card>
    </div>
  );
}
