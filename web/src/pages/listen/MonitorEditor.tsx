// The monitor editor: the query is checked as you type (debounced /validate) with the error's position shown
// under it, and the count of the last 7 days' mentions it would have matched is shown before saving.
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { Button, ErrorState, Field, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import queryErrorTexts from '../../i18n/listen/en.json';
import { useApiData } from '../../useApiData.ts';
import { LANGUAGES, type Language, type Monitor, type QueryTest, SOURCES, type Validation } from './types.ts';

type QueryErrorCode = keyof (typeof queryErrorTexts)['queryErrors'];

/** Whether the server's reason code has a text in the UI's languages (else its English reason is shown). */
function isQueryErrorCode(code: string): code is QueryErrorCode {
  return Object.hasOwn(queryErrorTexts.queryErrors, code);
}

const DEBOUNCE_MS = 300;

/** The query with the refused character marked, so the position is visible and not only a number. */
function QueryMark({ query, position }: { query: string; position: number }) {
  const at = Math.min(position, query.length);
  return (
    <code className="query-mark" aria-hidden="true">
      {query.slice(0, at)}
      <mark>{query.slice(at, at + 1) || ' '}</mark>
      {query.slice(at + 1)}
    </code>
  );
}

export function MonitorEditor() {
  const { monitorId } = useParams();
  const existing = useApiData<Monitor>(monitorId ? `/api/monitors/${monitorId}` : null);
  if (monitorId && existing.error) return <ErrorState error={existing.error} onRetry={existing.reload} />;
  if (monitorId && !existing.data) return <LoadingState />;
  return <EditorForm key={monitorId ?? 'new'} initial={existing.data} />;
}

function EditorForm({ initial }: { initial: Monitor | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // A new monitor may come prefilled from a link (the strategy health check: ?name=…&query=…).
  const [prefill] = useState(() => (initial ? null : new URLSearchParams(window.location.search)));
  const [name, setName] = useState(initial?.name ?? prefill?.get('name') ?? '');
  const [query, setQuery] = useState(initial?.query ?? prefill?.get('query') ?? '');
  const [sources, setSources] = useState<string[]>(initial?.sources ?? []);
  const [languages, setLanguages] = useState<string[]>(initial?.languages ?? []);
  const [active, setActive] = useState(initial?.active ?? true);
  const [validation, setValidation] = useState<Validation | null>(null);
  const [test, setTest] = useState<QueryTest | null>(null);
  const [testing, setTesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!query.trim()) {
      setValidation(null);
      setTest(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const v = await api.post<Validation>(
          '/api/monitors/validate',
          { query },
          { signal: controller.signal },
        );
        setValidation(v);
        if (!v.ok) {
          setTest(null);
          return;
        }
        setTesting(true);
        const tested = await api.post<QueryTest>(
          '/api/monitors/test',
          { query, sources, languages },
          { signal: controller.signal },
        );
        setTest(tested);
      } catch {
        // A newer keystroke aborted this check, or the network failed: the next one tries again.
      } finally {
        if (!controller.signal.aborted) setTesting(false);
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, sources, languages]);

  const toggle = (list: string[], set: (v: string[]) => void, v: string) =>
    set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaveError(null);
    setFieldErrors({});
    try {
      const body = { name, query, sources, languages, active };
      const saved = initial
        ? await api.patch<Monitor>(`/api/monitors/${initial.id}`, body)
        : await api.post<Monitor>('/api/monitors', body);
      navigate(`/listen/monitors/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fields);
      setSaveError(err);
      setSaving(false);
    }
  };

  const invalid = validation && !validation.ok ? validation.error : null;
  const queryError = invalid
    ? t('listen.editor.errorAt', {
        reason: isQueryErrorCode(invalid.code)
          ? // Each code's text names its own parts ({{field}}, {{op}}, {{max}}, {{min}}): passed as the server sent them.
            (t as (key: `listen.queryErrors.${QueryErrorCode}`, values: Record<string, string>) => string)(
              `listen.queryErrors.${invalid.code}`,
              invalid.params,
            )
          : invalid.reason,
        position: invalid.position + 1,
      })
    : fieldErrors.query;

  return (
    <form className="form monitor-editor" onSubmit={submit} data-testid="monitor-editor" noValidate>
      <h2 className="listen-subtitle">
        {initial ? t('listen.editor.editTitle') : t('listen.editor.newTitle')}
      </h2>
      <Field label={t('listen.monitors.name')} error={fieldErrors.name}>
        {(c) => (
          <input
            {...c}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="monitor-name"
            maxLength={200}
          />
        )}
      </Field>
      <Field label={t('listen.monitors.query')} error={queryError} hint={t('listen.editor.queryHint')}>
        {(c) => (
          <textarea
            {...c}
            rows={3}
            className="query-input"
            value={query}
            spellCheck={false}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="monitor-query"
          />
        )}
      </Field>
      <div aria-live="polite" className="query-status">
        {invalid && (
          <div data-testid="monitor-query-error" data-position={invalid.position}>
            <QueryMark query={query} position={invalid.position} />
          </div>
        )}
        {validation?.ok && (
          <p className="query-ok" data-testid="monitor-query-ok">
            {t('listen.editor.valid')}{' '}
            {testing && !test ? (
              t('listen.editor.testing')
            ) : test ? (
              <span data-testid="monitor-test-count" data-count={test.matched}>
                {t('listen.editor.wouldMatch', { count: test.matched, scanned: test.scanned })}
              </span>
            ) : null}
          </p>
        )}
        {validation?.ok && test?.broad && (
          <p className="query-broad" data-testid="monitor-test-broad">
            {t('listen.editor.broad', { share: Math.round((100 * test.matched) / test.scanned) })}
          </p>
        )}
        {test && test.samples.length > 0 && validation?.ok && (
          <ul className="query-samples" data-testid="monitor-test-samples">
            {test.samples.map((s) => (
              <li key={s.id}>
                <strong>{s.title ?? s.author ?? s.source}</strong> — {s.text.slice(0, 140)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <fieldset className="choice-row">
        <legend>{t('listen.monitors.sourcesLabel')}</legend>
        {SOURCES.map((s) => (
          <label key={s} className="check-inline">
            <input
              type="checkbox"
              checked={sources.includes(s)}
              onChange={() => toggle(sources, setSources, s)}
              data-testid={`monitor-source-${s}`}
            />
            {t(`listen.sources.${s}`)}
          </label>
        ))}
        <p className="field__hint">{t('listen.editor.noneMeansAll')}</p>
      </fieldset>
      <fieldset className="choice-row">
        <legend>{t('listen.monitors.languagesLabel')}</legend>
        {(['no', ...LANGUAGES] as Language[]).map((l) => (
          <label key={l} className="check-inline">
            <input
              type="checkbox"
              checked={languages.includes(l)}
              onChange={() => toggle(languages, setLanguages, l)}
              data-testid={`monitor-lang-${l}`}
            />
            {t(`listen.languages.${l}`)}
          </label>
        ))}
        <p className="field__hint">{t('listen.editor.noneMeansAll')}</p>
      </fieldset>
      <label className="check-inline">
        <input
          type="checkbox"
          checked={active}
          onChange={(e) => setActive(e.target.checked)}
          data-testid="monitor-active"
        />
        {t('listen.editor.active')}
      </label>
      {saveError !== null && Object.keys(fieldErrors).length === 0 && (
        <Notice tone="error">{errorText(t, saveError)}</Notice>
      )}
      <div className="form__actions form__actions--start">
        <Button
          type="submit"
          variant="primary"
          busy={saving}
          disabled={Boolean(invalid)}
          data-testid="monitor-save"
        >
          {t('listen.editor.save')}
        </Button>
        <Button
          variant="ghost"
          onClick={() => navigate(initial ? `/listen/monitors/${initial.id}` : '/listen/monitors')}
        >
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
