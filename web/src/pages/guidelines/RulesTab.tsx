// The rules the draft checker applies, each tied to the guideline section it comes from. Everyone sees them;
// admins and approvers add, change and delete them.

import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { Button, Card, EmptyState, ErrorState, Field, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useApiData } from '../../useApiData.ts';
import type { Abilities } from './GuidelinesPage.tsx';
import { SeverityBadge } from './parts.tsx';
import {
  type Overview,
  RULE_KINDS,
  type Rule,
  type RuleKind,
  type RuleParams,
  type Severity,
} from './types.ts';

interface Channel {
  id: string;
  name: string;
  handle: string;
}

const lines = (text: string) =>
  text
    .split(/\n|,/)
    .map((s) => s.trim())
    .filter(Boolean);

export function RulesTab({ overview, can }: { overview: Overview; can: Abilities }) {
  const { t } = useTranslation();
  const rules = useApiData<{ rules: Rule[] }>('/api/guidelines/rules');
  const channels = useApiData<{ channels: Channel[] }>('/api/channels');
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>();
  const sections = overview.current?.sections ?? [];
  const channelList = channels.data?.channels ?? [];

  const sectionLabel = (key: string | null) => {
    if (!key) return t('guidelines.rules.noSection');
    const s = sections.find((x) => x.key === key);
    return s ? s.title : t('guidelines.rules.sectionGone');
  };

  const remove = async (id: string) => {
    setError(undefined);
    try {
      await api.delete(`/api/guidelines/rules/${id}`);
      rules.reload();
    } catch (err) {
      setError(err);
    }
  };

  if (rules.loading && !rules.data) return <LoadingState />;
  if (rules.error || !rules.data) return <ErrorState error={rules.error} onRetry={rules.reload} />;
  const list = rules.data.rules;

  return (
    <div className="stack">
      <p className="muted">
        {can.rules ? t('guidelines.rules.introManager') : t('guidelines.rules.introReader')}
      </p>
      {!overview.current && can.rules && <Notice>{t('guidelines.rules.noVersion')}</Notice>}
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      <Card
        title={t('guidelines.rules.title')}
        actions={
          can.rules && !adding ? (
            <Button size="sm" variant="primary" onClick={() => setAdding(true)} data-testid="rule-add">
              {t('guidelines.rules.add')}
            </Button>
          ) : undefined
        }
      >
        {adding && (
          <RuleForm
            sections={sections}
            channels={channelList}
            onCancel={() => setAdding(false)}
            onSaved={() => {
              setAdding(false);
              rules.reload();
            }}
          />
        )}
        {list.length === 0 && !adding && (
          <EmptyState title={t('guidelines.rules.emptyTitle')}>
            {can.rules ? t('guidelines.rules.emptyManager') : t('guidelines.rules.emptyReader')}
          </EmptyState>
        )}
        <ul className="gl-rules" data-testid="rule-list">
          {list.map((rule) => (
            <li key={rule.id} className="gl-rule" data-testid={`rule-${rule.id}`} data-kind={rule.kind}>
              {editing === rule.id ? (
                <RuleForm
                  rule={rule}
                  sections={sections}
                  channels={channelList}
                  onCancel={() => setEditing(null)}
                  onSaved={() => {
                    setEditing(null);
                    rules.reload();
                  }}
                />
              ) : (
                <>
                  <div className="gl-rule__head">
                    <strong>{t(`guidelines.kinds.${rule.kind}`)}</strong>
                    <SeverityBadge severity={rule.severity} />
                    <span className="small muted">
                      {t('guidelines.rules.from')}{' '}
                      {rule.sectionKey && sections.some((s) => s.key === rule.sectionKey) ? (
                        <Link
                          to={{
                            pathname: '/guidelines',
                            search: '?tab=current',
                            hash: `section-${rule.sectionKey}`,
                          }}
                          data-testid="rule-section"
                        >
                          {sectionLabel(rule.sectionKey)}
                        </Link>
                      ) : (
                        sectionLabel(rule.sectionKey)
                      )}
                    </span>
                  </div>
                  <p className="gl-rule__params">{paramsText(t, rule.kind, rule.params, channelList)}</p>
                  {rule.note && <p className="small muted">{rule.note}</p>}
                  {can.rules && (
                    <div className="gl-rule__actions">
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setEditing(rule.id)}
                        data-testid="rule-edit"
                      >
                        {t('guidelines.rules.edit')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => void remove(rule.id)}
                        data-testid="rule-delete"
                      >
                        {t('guidelines.rules.delete')}
                      </Button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

function paramsText(t: TFunction, kind: RuleKind, p: RuleParams, channels: Channel[]): string {
  switch (kind) {
    case 'banned_phrase':
      return t('guidelines.rules.summary.banned', {
        phrases: (p.phrases ?? []).map((x) => `“${x}”`).join(', '),
      });
    case 'disclosure':
      return t('guidelines.rules.summary.disclosure', {
        triggers: (p.triggers ?? []).join(', '),
        tags: (p.tags ?? []).join(', '),
      });
    case 'caps':
      return t('guidelines.rules.summary.caps', {
        percent: Math.round((p.maxShare ?? 0) * 100),
        words: p.minWords ?? 4,
      });
    case 'exclamations':
      return t('guidelines.rules.summary.exclamations', { count: p.max ?? 0 });
    case 'frequency': {
      const names = (p.channelIds ?? []).map((id) => channels.find((c) => c.id === id)?.name ?? '?');
      return t(`guidelines.rules.summary.frequency_${p.window ?? 'day'}`, {
        count: p.max ?? 1,
        channels: names.length ? names.join(', ') : t('guidelines.rules.allChannels'),
      });
    }
  }
}

interface FormProps {
  rule?: Rule;
  sections: { key: string; title: string }[];
  channels: Channel[];
  onCancel: () => void;
  onSaved: () => void;
}

function RuleForm({ rule, sections, channels, onCancel, onSaved }: FormProps) {
  const { t } = useTranslation();
  const p = rule?.params ?? {};
  const [kind, setKind] = useState<RuleKind>(rule?.kind ?? 'banned_phrase');
  const [severity, setSeverity] = useState<Severity>(rule?.severity ?? 'warn');
  const [sectionKey, setSectionKey] = useState(rule?.sectionKey ?? '');
  const [phrases, setPhrases] = useState((p.phrases ?? []).join('\n'));
  const [triggers, setTriggers] = useState((p.triggers ?? []).join('\n'));
  const [tags, setTags] = useState((p.tags ?? ['#ad']).join(', '));
  const [percent, setPercent] = useState(String(Math.round((p.maxShare ?? 0.3) * 100)));
  const [minWords, setMinWords] = useState(String(p.minWords ?? 4));
  const [max, setMax] = useState(String(p.max ?? (kind === 'exclamations' ? 2 : 1)));
  const [window, setWindow] = useState<'day' | 'week'>(p.window ?? 'day');
  const [channelIds, setChannelIds] = useState<string[]>(p.channelIds ?? []);
  const [note, setNote] = useState(rule?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const params = (): RuleParams => {
    switch (kind) {
      case 'banned_phrase':
        return { phrases: lines(phrases) };
      case 'disclosure':
        return { triggers: lines(triggers), tags: lines(tags) };
      case 'caps':
        return { maxShare: Number(percent) / 100, minWords: Number(minWords) };
      case 'exclamations':
        return { max: Number(max) };
      case 'frequency':
        return { max: Number(max), window, channelIds };
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body = { severity, sectionKey: sectionKey || null, params: params(), note };
    try {
      if (rule) await api.patch(`/api/guidelines/rules/${rule.id}`, body);
      else await api.post('/api/guidelines/rules', { kind, ...body });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form gl-rule-form" onSubmit={(e) => void submit(e)} data-testid="rule-form">
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      <div className="form__row">
        <Field label={t('guidelines.rules.kind')}>
          {(c) => (
            <select
              {...c}
              value={kind}
              disabled={Boolean(rule)}
              onChange={(e) => setKind(e.target.value as RuleKind)}
              data-testid="rule-kind"
            >
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`guidelines.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('guidelines.rules.severity')}>
          {(c) => (
            <select
              {...c}
              value={severity}
              onChange={(e) => setSeverity(e.target.value as Severity)}
              data-testid="rule-severity"
            >
              <option value="warn">{t('guidelines.severity.warn')}</option>
              <option value="block">{t('guidelines.severity.block')}</option>
            </select>
          )}
        </Field>
        <Field label={t('guidelines.rules.section')} hint={t('guidelines.rules.sectionHint')}>
          {(c) => (
            <select
              {...c}
              value={sectionKey}
              onChange={(e) => setSectionKey(e.target.value)}
              data-testid="rule-section-select"
            >
              <option value="">{t('guidelines.rules.noSection')}</option>
              {sections.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {kind === 'banned_phrase' && (
        <Field label={t('guidelines.rules.phrases')} hint={t('guidelines.rules.phrasesHint')}>
          {(c) => (
            <textarea
              {...c}
              rows={3}
              value={phrases}
              onChange={(e) => setPhrases(e.target.value)}
              data-testid="rule-phrases"
            />
          )}
        </Field>
      )}
      {kind === 'disclosure' && (
        <>
          <Field label={t('guidelines.rules.triggers')} hint={t('guidelines.rules.triggersHint')}>
            {(c) => (
              <textarea
                {...c}
                rows={2}
                value={triggers}
                onChange={(e) => setTriggers(e.target.value)}
                data-testid="rule-triggers"
              />
            )}
          </Field>
          <Field label={t('guidelines.rules.tags')} hint={t('guidelines.rules.tagsHint')}>
            {(c) => (
              <input {...c} value={tags} onChange={(e) => setTags(e.target.value)} data-testid="rule-tags" />
            )}
          </Field>
        </>
      )}
      {kind === 'caps' && (
        <div className="form__row">
          <Field label={t('guidelines.rules.maxShare')}>
            {(c) => (
              <input
                {...c}
                type="number"
                min={0}
                max={100}
                value={percent}
                onChange={(e) => setPercent(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('guidelines.rules.minWords')}>
            {(c) => (
              <input
                {...c}
                type="number"
                min={1}
                value={minWords}
                onChange={(e) => setMinWords(e.target.value)}
              />
            )}
          </Field>
        </div>
      )}
      {(kind === 'exclamations' || kind === 'frequency') && (
        <div className="form__row">
          <Field
            label={kind === 'exclamations' ? t('guidelines.rules.maxMarks') : t('guidelines.rules.maxPosts')}
          >
            {(c) => (
              <input
                {...c}
                type="number"
                min={0}
                value={max}
                onChange={(e) => setMax(e.target.value)}
                data-testid="rule-max"
              />
            )}
          </Field>
          {kind === 'frequency' && (
            <Field label={t('guidelines.rules.window')}>
              {(c) => (
                <select {...c} value={window} onChange={(e) => setWindow(e.target.value as 'day' | 'week')}>
                  <option value="day">{t('guidelines.rules.perDay')}</option>
                  <option value="week">{t('guidelines.rules.perWeek')}</option>
                </select>
              )}
            </Field>
          )}
        </div>
      )}
      {kind === 'frequency' && channels.length > 0 && (
        <fieldset className="gl-channels">
          <legend className="field__label">{t('guidelines.rules.channels')}</legend>
          {channels.map((ch) => (
            <label key={ch.id} className="check-inline">
              <input
                type="checkbox"
                checked={channelIds.includes(ch.id)}
                onChange={(e) =>
                  setChannelIds(
                    e.target.checked ? [...channelIds, ch.id] : channelIds.filter((x) => x !== ch.id),
                  )
                }
              />
              {ch.name}
            </label>
          ))}
          <p className="field__hint">{t('guidelines.rules.channelsHint')}</p>
        </fieldset>
      )}
      <Field label={t('guidelines.rules.note')} optional>
        {(c) => (
          <input {...c} value={note} onChange={(e) => setNote(e.target.value)} data-testid="rule-note" />
        )}
      </Field>
      <div className="form__actions form__actions--start">
        <Button type="submit" variant="primary" busy={busy} data-testid="rule-save">
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
