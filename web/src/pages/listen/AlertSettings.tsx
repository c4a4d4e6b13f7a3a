// Alert settings: the organisation's webhooks (add with a secret shown once, test send, delivery log, remove),
// and per monitor the alert rule (sensitivity, email recipients, which webhooks) as a card on the monitor page.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Button, Card, EmptyState, ErrorState, Field, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useAuthenticated } from '../../session.tsx';
import { useApiData } from '../../useApiData.ts';
import { useCanWrite } from './parts.tsx';

interface Webhook {
  id: string;
  name: string;
  url: string;
  active: boolean;
  createdAt: string;
}
interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
interface Rule {
  sensitivity: 'low' | 'normal' | 'high';
  emailRecipients: string[];
  webhookIds: string[];
}

function DeliveryLog({ webhookId, generation }: { webhookId: string; generation: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const log = useApiData<{ deliveries: Delivery[] }>(
    `/api/alert-webhooks/${webhookId}/deliveries?g=${generation}`,
  );
  if (log.error) return <ErrorState error={log.error} onRetry={log.reload} />;
  if (!log.data) return <LoadingState />;
  if (log.data.deliveries.length === 0)
    return <p className="small muted">{t('listen.alerts.noDeliveries')}</p>;
  return (
    <table className="delivery-log" data-testid="webhook-delivery-log">
      <thead>
        <tr>
          <th>{t('listen.alerts.logWhen')}</th>
          <th>{t('listen.alerts.logEvent')}</th>
          <th>{t('listen.alerts.logStatus')}</th>
          <th>{t('listen.alerts.logAttempts')}</th>
        </tr>
      </thead>
      <tbody>
        {log.data.deliveries.map((d) => (
          <tr key={d.id} data-status={d.status}>
            <td>{f.dateTime(d.createdAt)}</td>
            <td>
              {d.event === 'webhook.test' ? t('listen.alerts.eventTest') : t('listen.alerts.eventStorm')}
            </td>
            <td>
              {t(`listen.alerts.deliveryStatus.${d.status}`, { defaultValue: d.status })}
              {d.lastStatusCode !== null && ` (HTTP ${d.lastStatusCode})`}
              {d.lastError && d.status !== 'delivered' && (
                <span className="small muted"> — {d.lastError}</span>
              )}
            </td>
            <td>{d.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WebhookRow({
  hook,
  isAdmin,
  onRemoved,
}: {
  hook: Webhook;
  isAdmin: boolean;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const test = async () => {
    setError(null);
    try {
      await api.post(`/api/alert-webhooks/${hook.id}/test`, {});
      // The worker delivers within a moment; look again twice.
      setGeneration((g) => g + 1);
      setTimeout(() => setGeneration((g) => g + 1), 1500);
    } catch (err) {
      setError(err);
    }
  };
  const remove = async () => {
    if (!window.confirm(t('listen.alerts.removeConfirm', { name: hook.name }))) return;
    try {
      await api.delete(`/api/alert-webhooks/${hook.id}`);
      onRemoved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li className="webhook" data-testid="webhook-row" data-webhook={hook.id}>
      <div className="webhook__head">
        <strong>{hook.name}</strong> <code className="small">{hook.url}</code>
        {isAdmin && (
          <span className="listen-actions">
            <Button size="sm" variant="secondary" onClick={test} data-testid="webhook-test">
              {t('listen.alerts.testSend')}
            </Button>
            <Button size="sm" variant="danger" onClick={remove}>
              {t('listen.alerts.remove')}
            </Button>
          </span>
        )}
      </div>
      {error !== null && <Notice tone="error">{errorText(t, error)}</Notice>}
      <DeliveryLog webhookId={hook.id} generation={generation} />
    </li>
  );
}

export function AlertSettings() {
  const { t } = useTranslation();
  const { role } = useAuthenticated();
  const isAdmin = role === 'admin';
  const hooks = useApiData<{ webhooks: Webhook[] }>('/api/alert-webhooks');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await api.post<Webhook & { secret: string }>('/api/alert-webhooks', { name, url });
      setCreated({ name: res.name, secret: res.secret });
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
              <WebhookRow key={h.id} hook={h} isAdmin={isAdmin} onRemoved={hooks.reload} />
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
            <Field label={t('listen.alerts.webhookName')}>
              {(c) => (
                <input
                  {...c}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  required
                  maxLength={200}
                  data-testid="webhook-name"
                />
              )}
            </Field>
            <Field label={t('listen.alerts.webhookUrl')} hint={t('listen.alerts.webhookUrlHint')}>
              {(c) => (
                <input
                  {...c}
                  type="url"
                  value={url}
                  onChange={(e) => setUrl(e.target.value)}
                  required
                  data-testid="webhook-url"
                />
              )}
            </Field>
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
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (rule.error) return <ErrorState error={rule.error} onRetry={rule.reload} />;
  if (!rule.data || !hooks.data) return <LoadingState />;
  const current = draft ?? {
    sensitivity: rule.data.sensitivity,
    emails: rule.data.emailRecipients.join(', '),
    webhookIds: rule.data.webhookIds,
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
      });
      setDraft(null);
      setSaved(true);
      rule.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={t('listen.alerts.ruleTitle')} description={t('listen.alerts.ruleHelp')}>
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
