// "Try a text": the same check publishing runs on a draft, with every hit highlighted in the text and explained
// with the guideline text it comes from.

import type { TFunction } from 'i18next';
import { type FormEvent, Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Button, Card, Field, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useApiData } from '../../useApiData.ts';
import { SeverityBadge } from './parts.tsx';
import type { GuidelineHit } from './types.ts';

interface Channel {
  id: string;
  name: string;
}

interface Mark {
  start: number;
  end: number;
  hit: number;
  severity: GuidelineHit['severity'];
}

/** The text with the hits' spans marked; overlapping spans keep the first (blocking hits come first). */
export function HighlightedText({ text, hits }: { text: string; hits: GuidelineHit[] }) {
  const marks: Mark[] = [];
  hits.forEach((h, i) => {
    const spans =
      h.spans ?? (h.index !== undefined && h.match ? [{ index: h.index, length: h.match.length }] : []);
    for (const s of spans) {
      const m = { start: s.index, end: s.index + s.length, hit: i, severity: h.severity };
      if (m.end > m.start && !marks.some((x) => x.start < m.end && m.start < x.end)) marks.push(m);
    }
  });
  marks.sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start > at) out.push(<Fragment key={`t${at}`}>{text.slice(at, m.start)}</Fragment>);
    out.push(
      <mark
        key={`m${m.start}`}
        className={`gl-mark gl-mark--${m.severity}`}
        data-testid="try-mark"
        data-hit={m.hit}
      >
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  if (at < text.length) out.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return (
    <div className="gl-highlight" data-testid="try-highlight">
      {out}
    </div>
  );
}

export function hitText(t: TFunction, hit: GuidelineHit, channels: Channel[] = []): string {
  switch (hit.kind) {
    case 'banned_phrase':
      return t('guidelines.hit.banned_phrase', { match: hit.match ?? '' });
    case 'out_of_bounds_topic':
      return t('guidelines.hit.out_of_bounds_topic', { match: hit.match ?? '', topic: hit.source.label });
    case 'missing_disclosure':
      return t('guidelines.hit.missing_disclosure', { match: hit.match ?? '' });
    case 'tone':
      return hit.match === '!'
        ? t('guidelines.hit.exclamations', {
            count: hit.measured?.value ?? 0,
            limit: hit.measured?.limit ?? 0,
          })
        : t('guidelines.hit.caps', {
            percent: Math.round((hit.measured?.value ?? 0) * 100),
            limit: Math.round((hit.measured?.limit ?? 0) * 100),
          });
    case 'frequency':
      return t(`guidelines.hit.frequency_${hit.measured?.window ?? 'day'}`, {
        count: hit.measured?.value ?? 0,
        limit: hit.measured?.limit ?? 0,
        channel: channels.find((c) => c.id === hit.channelId)?.name ?? '',
      });
  }
}

/** Each hit with its severity, what it is about, and the guideline text it comes from. */
export function HitList({ hits, channels = [] }: { hits: GuidelineHit[]; channels?: Channel[] }) {
  const { t } = useTranslation();
  return (
    <ol className="gl-hits" data-testid="try-hits">
      {hits.map((h, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: hits of one check are positional
        <li key={i} className={`gl-hit gl-hit--${h.severity}`} data-testid="try-hit" data-kind={h.kind}>
          <div className="gl-hit__head">
            <SeverityBadge severity={h.severity} />
            <strong>{t(`guidelines.hitKinds.${h.kind}`)}</strong>
          </div>
          <p>{hitText(t, h, channels)}</p>
          <blockquote className="gl-hit__source" data-testid="try-hit-source">
            <p className="gl-hit__label">
              {h.kind === 'out_of_bounds_topic'
                ? t('guidelines.hit.fromTopic', { label: h.source.label })
                : h.source.version
                  ? t('guidelines.hit.fromSection', { label: h.source.label, version: h.source.version })
                  : h.source.label}
            </p>
            {h.source.text && h.source.text !== h.source.label && <p className="small">{h.source.text}</p>}
          </blockquote>
        </li>
      ))}
    </ol>
  );
}

export function TryTab() {
  const { t } = useTranslation();
  const channels = useApiData<{ channels: Channel[] }>('/api/channels');
  const rules = useApiData<{ rules: unknown[] }>('/api/guidelines/rules');
  const [text, setText] = useState('');
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const [result, setResult] = useState<{ text: string; hits: GuidelineHit[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const list = channels.data?.channels ?? [];

  const check = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.post<{ hits: GuidelineHit[] }>('/api/guidelines/check', { text, channelIds });
      setResult({ text, hits: res.hits });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gl-layout">
      <Card title={t('guidelines.try.title')} description={t('guidelines.try.description')}>
        {rules.data && rules.data.rules.length === 0 && (
          <p className="muted small" data-testid="try-no-rules">
            {t('guidelines.try.noRules')}
          </p>
        )}
        <form className="form" onSubmit={(e) => void check(e)}>
          <Field label={t('guidelines.try.text')}>
            {(c) => (
              <textarea
                {...c}
                rows={6}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t('guidelines.try.placeholder')}
                data-testid="try-text"
              />
            )}
          </Field>
          {list.length > 0 && (
            <fieldset className="gl-channels">
              <legend className="field__label">{t('guidelines.try.channels')}</legend>
              {list.map((ch) => (
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
            </fieldset>
          )}
          <div className="form__actions form__actions--start">
            <Button
              type="submit"
              variant="primary"
              busy={busy}
              disabled={!text.trim()}
              data-testid="try-submit"
            >
              {t('guidelines.try.submit')}
            </Button>
          </div>
        </form>
        {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      </Card>
      {result && (
        <Card title={t('guidelines.try.result', { count: result.hits.length })}>
          {result.hits.length === 0 ? (
            <Notice tone="success" testId="try-clean">
              {t('guidelines.try.clean')}
            </Notice>
          ) : (
            <>
              <HighlightedText text={result.text} hits={result.hits} />
              <HitList hits={result.hits} channels={list} />
            </>
          )}
        </Card>
      )}
    </div>
  );
}
