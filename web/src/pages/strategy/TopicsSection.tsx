// Topics in and out of bounds with example phrases, and how we do not want to appear (000, risk area 2;
// 002, advice 5, 6 and 10).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlusIcon } from '../../components/Icons.tsx';
import { Button, Card } from '../../components/ui.tsx';
import { required, useProblems } from '../../validation.ts';
import { lines, useDraft, usePlan } from './PlanContext.tsx';
import { SaveBar, TextAreaField, TextField, Why } from './parts.tsx';
import type { Topic, TopicStance } from './types.ts';

function TopicCard({ topic }: { topic: Topic }) {
  const { t } = useTranslation();
  const { canEdit, write } = usePlan();
  const { draft, set, dirty, reset } = useDraft({
    name: topic.name,
    examples: topic.examples.join('\n'),
    note: topic.note,
  });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  return (
    <article
      className="item-card item-card--compact"
      id={`topic-${topic.id}`}
      data-testid={`topic-${topic.id}`}
    >
      <TextField
        label={t('strategy.topics.name')}
        value={draft.name}
        disabled={!canEdit}
        onChange={(v) => set('name', v)}
        error={form.error('name')}
      />
      <TextAreaField
        label={t('strategy.topics.examples')}
        hint={t('strategy.topics.examplesHint')}
        value={draft.examples}
        rows={3}
        disabled={!canEdit}
        onChange={(v) => set('examples', v)}
        error={form.error('examples')}
        testId={`topic-${topic.id}-examples`}
      />
      <TextField
        label={t('strategy.topics.note')}
        value={draft.note}
        optional
        disabled={!canEdit}
        onChange={(v) => set('note', v)}
      />
      {canEdit && (
        <SaveBar
          dirty={dirty}
          busy={busy}
          onReset={reset}
          testId={`topic-${topic.id}`}
          onSave={() => {
            setBusy(true);
            write('PATCH', `/api/strategy/topics/${topic.id}`, { ...draft, examples: lines(draft.examples) })
              .catch(form.fail)
              .finally(() => setBusy(false));
          }}
          onDelete={() => write('DELETE', `/api/strategy/topics/${topic.id}`)}
          confirmBody={t('strategy.topics.deleteBody', { name: topic.name })}
        />
      )}
    </article>
  );
}

function NewTopic({ stance }: { stance: TopicStance }) {
  const { t } = useTranslation();
  const { write, planId } = usePlan();
  const [name, setName] = useState('');
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(name.trim() ? {} : { name: required })) return;
    setBusy(true);
    try {
      await write('POST', `/api/strategy/plans/${planId}/topics`, { stance, name: name.trim() });
      setName('');
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      className="add-form add-form--inline"
      onSubmit={submit}
      noValidate
      data-testid={`topic-new-${stance}`}
    >
      <TextField
        label={t(`strategy.topics.new.${stance}`)}
        value={name}
        placeholder={t(`strategy.topics.placeholder.${stance}`)}
        onChange={(v) => {
          setName(v);
          form.edited('name');
        }}
        error={form.error('name')}
        testId={`topic-new-${stance}-name`}
      />
      <Button type="submit" busy={busy} data-testid={`topic-new-${stance}-submit`}>
        <PlusIcon size={15} />
        {t('strategy.topics.add')}
      </Button>
    </form>
  );
}

function NotAppearCard() {
  const { t } = useTranslation();
  const { doc, canEdit, write, planId } = usePlan();
  const { draft, set, dirty, reset } = useDraft({ notAppear: doc.plan.notAppear });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  return (
    <Card title={t('strategy.topics.notAppearTitle')} id="not-appear">
      <Why source={t('strategy.sources.bi5')}>{t('strategy.topics.notAppearWhy')}</Why>
      <TextAreaField
        label={t('strategy.topics.notAppearLabel')}
        value={draft.notAppear}
        rows={3}
        disabled={!canEdit}
        placeholder={t('strategy.topics.notAppearPlaceholder')}
        onChange={(v) => set('notAppear', v)}
        testId="not-appear-input"
      />
      {canEdit && (
        <SaveBar
          dirty={dirty}
          busy={busy}
          onReset={reset}
          testId="not-appear"
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

export function TopicsSection() {
  const { t } = useTranslation();
  const { doc, canEdit } = usePlan();
  return (
    <div className="stack">
      <div className="grid-2">
        {(['in', 'out'] as const).map((stance) => {
          const topics = doc.topics.filter((topic) => topic.stance === stance);
          return (
            <Card
              key={stance}
              id={`topics-${stance}`}
              title={t(`strategy.vocab.stance.${stance}`)}
              description={t(`strategy.topics.description.${stance}`)}
            >
              <Why source={stance === 'in' ? t('strategy.sources.bi10') : t('strategy.sources.dutta2')}>
                {t(`strategy.topics.why.${stance}`)}
              </Why>
              {topics.length === 0 && (
                <p className="muted small empty-line">{t(`strategy.topics.empty.${stance}`)}</p>
              )}
              <div className="item-list">
                {topics.map((topic) => (
                  <TopicCard key={`${topic.id}:${JSON.stringify(topic)}`} topic={topic} />
                ))}
              </div>
              {canEdit && <NewTopic stance={stance} />}
            </Card>
          );
        })}
      </div>
      <NotAppearCard />
    </div>
  );
}
