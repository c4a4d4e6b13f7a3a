// Proposals: the list, and one proposal to edit (writers), comment on (everyone) and publish (admins).
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Button, Card, EmptyState, ErrorState, Field, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { useStartProposal } from './CurrentTab.tsx';
import type { Abilities } from './GuidelinesPage.tsx';
import { Diff, SectionBody } from './parts.tsx';
import type { GuidelineSection, Overview, Proposal, ProposalSummary } from './types.ts';

interface Props {
  overview: Overview;
  can: Abilities;
  selected: string | null;
  onSelect: (id: string | null) => void;
  onChanged: () => void;
}

export function ProposalsTab({ overview, can, selected, onSelect, onChanged }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useApiData<{ proposals: ProposalSummary[] }>('/api/guidelines/proposals');
  const start = useStartProposal((id) => {
    list.reload();
    onChanged();
    onSelect(id);
  });
  const proposals = list.data?.proposals ?? [];

  return (
    <div className="gl-layout gl-layout--list">
      <Card
        title={t('guidelines.proposals.title')}
        actions={
          can.write ? (
            <Button
              size="sm"
              variant="primary"
              busy={start.busy}
              onClick={() => void start.start()}
              data-testid="proposal-new"
            >
              {overview.current ? t('guidelines.proposals.new') : t('guidelines.current.startTemplate')}
            </Button>
          ) : undefined
        }
      >
        {start.error !== undefined && <Notice tone="error">{errorText(t, start.error)}</Notice>}
        {list.loading && !list.data && <LoadingState />}
        {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
        {list.data && proposals.length === 0 && (
          <EmptyState title={t('guidelines.proposals.emptyTitle')}>
            {can.write ? t('guidelines.proposals.emptyWriter') : t('guidelines.proposals.emptyReader')}
          </EmptyState>
        )}
        <ul className="gl-list" data-testid="proposal-list">
          {proposals.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={`gl-list__item${p.id === selected ? ' gl-list__item--active' : ''}`}
                onClick={() => onSelect(p.id)}
                data-testid={`proposal-${p.id}`}
              >
                <span className="gl-list__title">{p.title}</span>
                <span className="small muted">
                  <span className={`gl-status gl-status--${p.status}`}>
                    {t(`guidelines.proposals.status.${p.status}`, { number: p.publishedVersion ?? 0 })}
                  </span>{' '}
                  · {p.createdBy ?? t('guidelines.someone')} · {format.date(p.createdAt)} ·{' '}
                  {t('guidelines.proposals.comments', { count: p.comments })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </Card>
      {selected ? (
        <ProposalView
          key={selected}
          id={selected}
          can={can}
          onChanged={() => {
            list.reload();
            onChanged();
          }}
        />
      ) : (
        proposals.length > 0 && <p className="muted">{t('guidelines.proposals.pick')}</p>
      )}
    </div>
  );
}

type Draft = { title: string; summary: string; sections: GuidelineSection[] };

function ProposalView({ id, can, onChanged }: { id: string; can: Abilities; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const proposal = useApiData<Proposal>(`/api/guidelines/proposals/${id}`);
  const [draft, setDraft] = useState<Draft>();
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [published, setPublished] = useState<number>();
  const [comment, setComment] = useState('');
  const [commentSection, setCommentSection] = useState('');
  const [summary, setSummary] = useState('');

  useEffect(() => {
    if (proposal.data && !dirty) {
      setDraft({
        title: proposal.data.title,
        summary: proposal.data.summary,
        sections: proposal.data.sections,
      });
    }
  }, [proposal.data, dirty]);

  if (proposal.loading && !proposal.data) return <LoadingState />;
  if (proposal.error || !proposal.data || !draft)
    return <ErrorState error={proposal.error} onRetry={proposal.reload} />;
  const p = proposal.data;
  const editable = can.write && p.status === 'open';

  const run = async (what: string, action: () => Promise<unknown>) => {
    setBusy(what);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(undefined);
    }
  };
  const edit = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    setDirty(true);
  };
  const editSection = (index: number, next: Partial<GuidelineSection>) =>
    edit({ sections: draft.sections.map((s, i) => (i === index ? { ...s, ...next } : s)) });

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    const ok = await run('save', () =>
      api.patch(`/api/guidelines/proposals/${id}`, {
        title: draft.title,
        summary: draft.summary,
        sections: draft.sections.map(({ key, title, body }) =>
          key ? { key, title, body } : { title, body },
        ),
      }),
    );
    if (ok) {
      setDirty(false);
      proposal.reload();
      onChanged();
    }
  };
  const addComment = async (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) return;
    const ok = await run('comment', () =>
      api.post(`/api/guidelines/proposals/${id}/comments`, {
        body: comment,
        sectionKey: commentSection || null,
      }),
    );
    if (ok) {
      setComment('');
      setCommentSection('');
      proposal.reload();
      onChanged();
    }
  };
  const publish = async () => {
    if (dirty) return;
    const result = await run('publish', async () => {
      const v = await api.post<{ number: number }>(`/api/guidelines/proposals/${id}/publish`, {
        ...(summary.trim() && { summary }),
      });
      setPublished(v.number);
    });
    if (result) {
      window.dispatchEvent(new Event('stemme:guidelines-ack'));
      proposal.reload();
      onChanged();
    }
  };
  const withdraw = async () => {
    if (await run('withdraw', () => api.delete(`/api/guidelines/proposals/${id}`))) {
      proposal.reload();
      onChanged();
    }
  };

  return (
    <div className="stack" data-testid="proposal-view">
      {published !== undefined && (
        <Notice tone="success" testId="proposal-published">
          {t('guidelines.proposals.publishedNotice', { number: published })}
        </Notice>
      )}
      {p.stale && (
        <Notice tone="error">
          {t('guidelines.proposals.stale', { base: p.baseVersion ?? 0, current: p.currentVersion ?? 0 })}
        </Notice>
      )}
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      <Card
        title={editable ? t('guidelines.proposals.editTitle') : p.title}
        description={
          p.baseVersion
            ? t('guidelines.proposals.meta', {
                name: p.createdBy ?? t('guidelines.someone'),
                date: format.dateTime(p.updatedAt),
                base: p.baseVersion,
              })
            : t('guidelines.proposals.metaTemplate', {
                name: p.createdBy ?? t('guidelines.someone'),
                date: format.dateTime(p.updatedAt),
              })
        }
      >
        {editable ? (
          <form className="form" onSubmit={(e) => void save(e)}>
            <Field label={t('guidelines.proposals.titleField')}>
              {(c) => (
                <input
                  {...c}
                  value={draft.title}
                  onChange={(e) => edit({ title: e.target.value })}
                  data-testid="proposal-title"
                />
              )}
            </Field>
            <Field
              label={t('guidelines.proposals.summaryField')}
              hint={t('guidelines.proposals.summaryHint')}
            >
              {(c) => (
                <textarea
                  {...c}
                  rows={2}
                  value={draft.summary}
                  onChange={(e) => edit({ summary: e.target.value })}
                  data-testid="proposal-summary"
                />
              )}
            </Field>
            {draft.sections.map((s, i) => (
              <fieldset
                key={s.key || `new-${i}`}
                className="gl-section-edit"
                data-testid={`proposal-section-${i}`}
              >
                <legend className="visually-hidden">{s.title}</legend>
                <Field label={t('guidelines.proposals.sectionTitle')}>
                  {(c) => (
                    <input
                      {...c}
                      value={s.title}
                      onChange={(e) => editSection(i, { title: e.target.value })}
                      data-testid={`proposal-section-title-${i}`}
                    />
                  )}
                </Field>
                <Field label={t('guidelines.proposals.sectionBody')}>
                  {(c) => (
                    <textarea
                      {...c}
                      rows={Math.min(14, Math.max(4, s.body.split('\n').length + 1))}
                      value={s.body}
                      onChange={(e) => editSection(i, { body: e.target.value })}
                      data-testid={`proposal-section-body-${i}`}
                    />
                  )}
                </Field>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={draft.sections.length <= 1}
                  onClick={() => edit({ sections: draft.sections.filter((_, j) => j !== i) })}
                >
                  {t('guidelines.proposals.removeSection')}
                </Button>
              </fieldset>
            ))}
            <div className="form__actions form__actions--start">
              <Button
                size="sm"
                onClick={() => edit({ sections: [...draft.sections, { key: '', title: '', body: '' }] })}
                data-testid="proposal-add-section"
              >
                {t('guidelines.proposals.addSection')}
              </Button>
              <Button
                type="submit"
                variant="primary"
                busy={busy === 'save'}
                disabled={!dirty}
                data-testid="proposal-save"
              >
                {t('common.save')}
              </Button>
              <Button variant="danger" size="sm" busy={busy === 'withdraw'} onClick={() => void withdraw()}>
                {t('guidelines.proposals.withdraw')}
              </Button>
            </div>
          </form>
        ) : (
          <div className="gl-doc">
            {p.summary && <p className="gl-current__summary">{p.summary}</p>}
            {p.sections.map((s) => (
              <section key={s.key} className="gl-doc__section">
                <h3 className="gl-doc__title">{s.title}</h3>
                <SectionBody body={s.body} />
              </section>
            ))}
          </div>
        )}
      </Card>

      {can.admin && p.status === 'open' && (
        <Card title={t('guidelines.proposals.publishTitle', { number: (p.currentVersion ?? 0) + 1 })}>
          <div className="form">
            <Field
              label={t('guidelines.proposals.changeSummary')}
              hint={t('guidelines.proposals.changeSummaryHint')}
              optional
            >
              {(c) => (
                <input
                  {...c}
                  value={summary}
                  onChange={(e) => setSummary(e.target.value)}
                  data-testid="proposal-publish-summary"
                />
              )}
            </Field>
            {dirty && <p className="small muted">{t('guidelines.proposals.saveFirst')}</p>}
            <div className="form__actions form__actions--start">
              <Button
                variant="primary"
                busy={busy === 'publish'}
                disabled={dirty || p.stale}
                onClick={() => void publish()}
                data-testid="proposal-publish"
              >
                {t('guidelines.proposals.publish', { number: (p.currentVersion ?? 0) + 1 })}
              </Button>
            </div>
          </div>
        </Card>
      )}

      <Card
        title={t('guidelines.proposals.diffTitle')}
        description={
          p.status === 'published' && (p.publishedVersion ?? 1) > 1
            ? t('guidelines.diff.against', { number: (p.publishedVersion ?? 1) - 1 })
            : p.status === 'published'
              ? t('guidelines.diff.first')
              : p.currentVersion
                ? t('guidelines.diff.against', { number: p.currentVersion })
                : t('guidelines.diff.first')
        }
      >
        <Diff lines={p.diff} testId="proposal-diff" />
      </Card>

      <Card title={t('guidelines.comments.title', { count: p.comments.length })}>
        {p.comments.length === 0 && <p className="muted">{t('guidelines.comments.empty')}</p>}
        <ul className="gl-comments" data-testid="proposal-comments">
          {p.comments.map((c) => (
            <li key={c.id} className="gl-comment">
              <p className="small muted">
                {c.author ?? t('guidelines.someone')} · {format.dateTime(c.createdAt)}
                {c.sectionKey && ` · ${p.sections.find((s) => s.key === c.sectionKey)?.title ?? ''}`}
              </p>
              <SectionBody body={c.body} />
            </li>
          ))}
        </ul>
        {p.status === 'open' && (
          <form className="form" onSubmit={(e) => void addComment(e)}>
            <Field label={t('guidelines.comments.add')}>
              {(c) => (
                <textarea
                  {...c}
                  rows={3}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  data-testid="proposal-comment-body"
                />
              )}
            </Field>
            <Field label={t('guidelines.comments.section')} optional>
              {(c) => (
                <select
                  {...c}
                  value={commentSection}
                  onChange={(e) => setCommentSection(e.target.value)}
                  data-testid="proposal-comment-section"
                >
                  <option value="">{t('guidelines.comments.wholeProposal')}</option>
                  {p.sections
                    .filter((s) => s.key)
                    .map((s) => (
                      <option key={s.key} value={s.key}>
                        {s.title}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <div className="form__actions form__actions--start">
              <Button
                type="submit"
                busy={busy === 'comment'}
                disabled={!comment.trim()}
                data-testid="proposal-comment-submit"
              >
                {t('guidelines.comments.submit')}
              </Button>
            </div>
          </form>
        )}
      </Card>
    </div>
  );
}
