// Alert settings: the organisation's webhooks (add with a secret shown once; each row in WebhookRow.tsx), and per
// monitor the alert rule (sensitivity, email recipients, which webhooks, what of a storm's course each gets) as a
// card on the monitor page.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Button, Card, EmptyState, ErrorState, Field, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useAuthenticated } from '../../session.tsx';
import { useApiData } from '../../useApiData.ts';
import { useCanWrite } from './parts.tsx';
import { type Webhook, WebhookFields, WebhookRow } from './WebhookRow.tsx';

const EMAIL_EVENTS = ['opened', 'escalated', 'closed'] as const;
const WEBHOOK_EVENTS = ['opened', 'updated', 'closed'] as const;
type EmailEvent = (typeof EMAIL_EVENTS)[number];
type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

interface Rule {
  sensitivity: 'low' | 'normal' | 'high';
  emailRecipients: string[];
  webhookIds: string[];
  emailOn: EmailEvent[];
  webhookOn: WebhookEvent[];
}

/** Checkboxes for a set of events, in their fixed order. */
function EventChoice<E extends string>({
  legend,
  events,
  label,
  value,
  disabled,
  onChange,
  testId,
}: {
  legend: string;
  events: readonly E[];
  label: (event: E) => string;
  value: E[];
  disabled: boolean;
  onChange: (next: E[]) => void;
  testId: string;
}) {
  return (
    <fieldset className="alert-rule__hooks" data-testid={testId}>
      <legend>{legend}</legend>
      {events.map((e) => (
        <label key={e} className="checkbox">
          <input
            type="checkbox"
            disabled={disabled}
            checked={value.includes(e)}
            data-event={e}
            onChange={(ev) =>
              onChange(events.filter((x) => (x === e ? ev.target.checked : value.includes(x))))
            }
          />{' '}
          {label(e)}
        </label>
      ))}
    </fieldset>
  );
}

export function AlertSettings() {
  const { t } = useTranslation();
  const { role } = useAuthenticated();
  const isAdmin = role === 'admin';
  const hooks = useApiData<{ webhooks: Webhook[] }>('/api/alert-webhooks');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [created, setCreated] = useState<{ id: string; name: string; secret: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await api.post<Webhook & { secret: string }>('/api/alert-webhooks', { name, url });
      setCreated({ id: res.id, name: res.name, secret: res.secret });
      setName('');
      setUrl('');
      hooks.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="stack" data-testid="alert-settings">
      <Card title={t('listen.alerts.webhooksTitle')} description={t('listen.alerts.webhooksHelp')}>
        {hooks.error ? (
          <ErrorState error={hooks.error} onRetry={hooks.reload} />
        ) : !hooks.data ? (
          <LoadingState />
        ) : hooks.data.webhooks.length === 0 ? (
          <EmptyState title={t('listen.alerts.noWebhooks')}>
            {isAdmin ? t('listen.alerts.noWebhooksHint') : t('listen.alerts.noWebhooksViewer')}
          </EmptyState>
        ) : (
          <ul className="webhook-list">
            {hooks.data.webhooks.map((h) => (
              <WebhookRow
                key={h.id}
                hook={h}
                isAdmin={isAdmin}
                onChanged={hooks.reload}
                // A secret shown at creation is void once rotated: show only the new one.
                onRotated={() => setCreated((c) => (c?.id === h.id ? null : c))}
              />
            ))}
          </ul>
        )}
        {created && (
          <Notice tone="success">
            <span data-testid="webhook-secret">
              {t('listen.alerts.secretOnce', { name: created.name })} <code>{created.secret}</code>
            </span>
          </Notice>
        )}
        {isAdmin && (
          <form className="webhook-form" onSubmit={add} data-testid="webhook-form">
            <WebhookFields name={name} setName={setName} url={url} setUrl={setUrl} testId="webhook" />
            {error !== null && <Notice tone="error">{errorText(t, error)}</Notice>}
            <Button type="submit" data-testid="webhook-add">
              {t('listen.alerts.addWebhook')}
            </Button>
          </form>
        )}
      </Card>
    </div>
  );
}

/** The monitor's alert rule: sensitivity, who gets email, which webhooks fire. */
export function AlertRuleCard({ monitorId }: { monitorId: string }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const rule = useApiData<Rule>(`/api/monitors/${monitorId}/alert-rule`);
  const hooks = useApiData<{ webhooks: Webhook[] }>('/api/alert-webhooks');
  const [draft, setDraft] = useState<{
    sensitivity: Rule['sensitivity'];
    emails: string;
    webhookIds: string[];
    emailOn: EmailEvent[];
    webhookOn: WebhookEvent[];
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (rule.error) return <ErrorState error={rule.error} onRetry={rule.reload} />;
  if (!rule.data || !hooks.data) return <LoadingState />;
  const current = draft ?? {
    sensitivity: rule.data.sensitivity,
    emails: rule.data.emailRecipients.join(', '),
    webhookIds: rule.data.webhookIds,
    emailOn: rule.data.emailOn,
    webhookOn: rule.data.webhookOn,
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api.put(`/api/monitors/${monitorId}/alert-rule`, {
        sensitivity: current.sensitivity,
        emailRecipients: current.emails
          .split(/[\s,;]+/)
          .map((s) => s.trim())
          .filter(Boolean),
        webhookIds: current.webhookIds,
        emailOn: current.emailOn,
        webhookOn: current.webhookOn,
      });
      setDraft(null);
      setSaved(true);
      rule.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={t('listen.alerts.ruleTitle')} description={t('listen.alerts.ruleHelpCourse')}>
      <form className="alert-rule" onSubmit={save} data-testid="alert-rule-form">
        <Field label={t('listen.alerts.sensitivity')}>
          {(c) => (
            <select
              {...c}
              value={current.sensitivity}
              disabled={!canWrite}
              onChange={(e) => setDraft({ ...current, sensitivity: e.target.value as Rule['sensitivity'] })}
              data-testid="alert-rule-sensitivity"
            >
              {(['low', 'normal', 'high'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`listen.alerts.sensitivityLevel.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('listen.alerts.recipients')} hint={t('listen.alerts.recipientsHint')}>
          {(c) => (
            <input
              {...c}
              value={current.emails}
              disabled={!canWrite}
              onChange={(e) => setDraft({ ...current, emails: e.target.value })}
              data-testid="alert-rule-emails"
            />
          )}
        </Field>
        <fieldset className="alert-rule__hooks">
          <legend>{t('listen.alerts.ruleWebhooks')}</legend>
          {hooks.data.webhooks.length === 0 ? (
            <p className="small muted">{t('listen.alerts.noWebhooksRule')}</p>
          ) : (
            hooks.data.webhooks.map((h) => (
              <label key={h.id} className="checkbox">
                <input
                  type="checkbox"
                  disabled={!canWrite}
                  checked={current.webhookIds.includes(h.id)}
                  onChange={(e) =>
                    setDraft({
                      ...current,
                      webhookIds: e.target.checked
                        ? [...current.webhookIds, h.id]
                        : current.webhookIds.filter((x) => x !== h.id),
                    })
                  }
                />{' '}
                {h.name}
              </label>
            ))
          )}
        </fieldset>
        <EventChoice
          legend={t('listen.alerts.emailOn')}
          events={EMAIL_EVENTS}
          label={(e) => t(`listen.alerts.emailEvent.${e}`)}
          value={current.emailOn}
          disabled={!canWrite}
          onChange={(emailOn) => setDraft({ ...current, emailOn })}
          testId="alert-rule-email-on"
        />
        <EventChoice
          legend={t('listen.alerts.webhookOn')}
          events={WEBHOOK_EVENTS}
          label={(e) => t(`listen.alerts.webhookEvent.${e}`)}
          value={current.webhookOn}
          disabled={!canWrite}
          onChange={(webhookOn) => setDraft({ ...current, webhookOn })}
          testId="alert-rule-webhook-on"
        />
        {error !== null && <Notice tone="error">{errorText(t, error)}</Notice>}
        {saved && <Notice tone="success">{t('listen.alerts.ruleSaved')}</Notice>}
        {canWrite && (
          <Button type="submit" data-testid="alert-rule-save">
            {t('listen.alerts.ruleSave')}
          </Button>
        )}
      </form>
    </Card>
  );
}
