// Offensive and defensive presence: the vision and key messages we articulate, the names and brands we protect,
// and the signals we scout (003, practices 2 and 4; 002, advice 4).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlusIcon } from '../../components/Icons.tsx';
import { Button, Card, EmptyState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { required, useProblems } from '../../validation.ts';
import { lines, useDraft, usePlan } from './PlanContext.tsx';
import { SaveBar, SelectField, TextAreaField, TextField, Why } from './parts.tsx';
import { DEFENSIVE_WATCH_KINDS, WATCH_KINDS, type WatchKind } from './types.ts';

function OffensiveCard() {
  const { t } = useTranslation();
  const { doc, canEdit, write, planId } = usePlan();
  const { draft, set, dirty, reset } = useDraft({
    vision: doc.plan.vision,
    keyMessages: doc.plan.keyMessages.join('\n'),
  });
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  return (
    <Card
      title={t('strategy.presence.offensiveTitle')}
      description={t('strategy.presence.offensiveDescription')}
      id="vision"
    >
      <Why source={t('strategy.sources.p003_2')}>{t('strategy.presence.offensiveWhy')}</Why>
      <TextAreaField
        label={t('strategy.presence.vision')}
        value={draft.vision}
        rows={3}
        disabled={!canEdit}
        placeholder={t('strategy.presence.visionPlaceholder')}
        onChange={(v) => set('vision', v)}
        error={form.error('vision')}
        testId="vision-input"
      />
      <div id="key-messages">
        <TextAreaField
          label={t('strategy.presence.keyMessages')}
          hint={t('strategy.presence.keyMessagesHint')}
          value={draft.keyMessages}
          rows={4}
          disabled={!canEdit}
          onChange={(v) => set('keyMessages', v)}
          error={form.error('keyMessages')}
          testId="key-messages-input"
        />
      </div>
      {canEdit && (
        <SaveBar
          dirty={dirty}
          busy={busy}
          onReset={reset}
          testId="offensive"
          onSave={() => {
            setBusy(true);
            write('PATCH', `/api/strategy/plans/${planId}`, {
              vision: draft.vision,
              keyMessages: lines(draft.keyMessages),
            })
              .catch(form.fail)
              .finally(() => setBusy(false));
          }}
        />
      )}
    </Card>
  );
}

function WatchList() {
  const { t } = useTranslation();
  const { doc, canEdit, write, planId } = usePlan();
  const [kind, setKind] = useState<WatchKind>('brand');
  const [term, setTerm] = useState('');
  const [note, setNote] = useState('');
  const form = useProblems();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const leaderWatched = doc.plan.leaderName && doc.watchTerms.some((w) => w.kind === 'leader');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(term.trim() ? {} : { term: required })) return;
    setBusy(true);
    try {
      await write('POST', `/api/strategy/plans/${planId}/watch-terms`, {
        kind,
        term: term.trim(),
        note: note.trim(),
      });
      setTerm('');
      setNote('');
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  const sorted = [...doc.watchTerms].sort(
    (a, b) => WATCH_KINDS.indexOf(a.kind) - WATCH_KINDS.indexOf(b.kind),
  );
  return (
    <Card
      title={t('strategy.presence.defensiveTitle')}
      description={t('strategy.presence.defensiveDescription')}
      id="watch"
    >
      <Why source={t('strategy.sources.storm')}>{t('strategy.presence.defensiveWhy')}</Why>
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      {doc.watchTerms.length === 0 ? (
        <EmptyState title={t('strategy.presence.empty')}>{t('strategy.presence.emptyHint')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="watch-table">
            <thead>
              <tr>
                <th scope="col">{t('strategy.presence.kind')}</th>
                <th scope="col">{t('strategy.presence.term')}</th>
                <th scope="col">{t('strategy.presence.note')}</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {sorted.map((w) => (
                <tr key={w.id} data-testid={`watch-${w.id}`}>
                  <td>
                    <span
                      className={`tag${DEFENSIVE_WATCH_KINDS.includes(w.kind) ? ' tag--protect' : ' tag--signal'}`}
                    >
                      {t(`strategy.vocab.watchKind.${w.kind}`)}
                    </span>
                  </td>
                  <td className="person__name">{w.term}</td>
                  <td className="muted">{w.note}</td>
                  {canEdit && (
                    <td className="table__actions">
                      <Button
                        size="sm"
                        variant="ghost"
                        className="btn--danger-text"
                        aria-label={t('strategy.presence.removeNamed', { term: w.term })}
                        onClick={() => {
                          setError(undefined);
                          write('DELETE', `/api/strategy/watch-terms/${w.id}`).catch(setError);
                        }}
                      >
                        {t('strategy.common.remove')}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && !leaderWatched && doc.plan.leaderName && (
        <p className="muted small">
          {t('strategy.presence.leaderHint', { name: doc.plan.leaderName })}{' '}
          <button
            type="button"
            className="link-button"
            data-testid="watch-add-leader"
            onClick={() => {
              setError(undefined);
              write('POST', `/api/strategy/plans/${planId}/watch-terms`, {
                kind: 'leader',
                term: doc.plan.leaderName,
              }).catch(setError);
            }}
          >
            {t('strategy.presence.addLeader')}
          </button>
        </p>
      )}
      {canEdit && (
        <form className="add-form" onSubmit={submit} noValidate data-testid="watch-new">
          <SelectField
            label={t('strategy.presence.kind')}
            value={kind}
            options={WATCH_KINDS.map((k) => ({ value: k, label: t(`strategy.vocab.watchKind.${k}`) }))}
            onChange={(v) => v && setKind(v as WatchKind)}
            testId="watch-new-kind"
          />
          <TextField
            label={t('strategy.presence.term')}
            value={term}
            placeholder={t('strategy.presence.termPlaceholder')}
            onChange={(v) => {
              setTerm(v);
              form.edited('term');
            }}
            error={form.error('term')}
            testId="watch-new-term"
          />
          <TextField label={t('strategy.presence.note')} value={note} optional onChange={setNote} />
          <Button type="submit" variant="primary" busy={busy} data-testid="watch-new-submit">
            <PlusIcon size={15} />
            {t('strategy.presence.add')}
          </Button>
        </form>
      )}
    </Card>
  );
}

export function PresenceSection() {
  return (
    <div className="stack">
      <OffensiveCard />
      <WatchList />
    </div>
  );
}
