// One webhook in the alert settings: its address and delivery log, and for admins test send, edit (name,
// address, active; the secret stays), a new signing secret shown once, and remove.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Button, ErrorState, Field, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';

export interface Webhook {
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

/** The event of a delivery in the user's words: test, storm alert, storm update, storm over. */
export function useEventLabel() {
  const { t } = useTranslation();
  return (event: string) =>
    event === 'webhook.test'
      ? t('listen.alerts.eventTest')
      : event === 'storm.opened'
        ? t('listen.alerts.eventStorm')
        : t(`listen.alerts.eventKind.${event.replace('storm.', '')}`, { defaultValue: event });
}

function DeliveryLog({ webhookId, generation }: { webhookId: string; generation: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const label = useEventLabel();
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
          <tr key={d.id} data-status={d.status} data-event={d.event}>
            <td>{f.dateTime(d.createdAt)}</td>
            <td>{label(d.event)}</td>
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

function WebhookEditor({
  hook,
  onSaved,
  onCancel,
}: {
  hook: Webhook;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(hook.name);
  const [url, setUrl] = useState(hook.url);
  const [active, setActive] = useState(hook.active);
  const [error, setError] = useState<unknown>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.patch(`/api/alert-webhooks/${hook.id}`, { name, url, active });
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="webhook-form" onSubmit={save} data-testid="webhook-edit-form">
      <WebhookFields name={name} setName={setName} url={url} setUrl={setUrl} testId="webhook-edit" />
      <label className="check-inline">
        <input
          type="checkbox"
          checked={active}
          onChange={(e) => setActive(e.target.checked)}
          data-testid="webhook-edit-active"
        />
        {t('listen.alerts.webhookActive')}
      </label>
      {error !== null && <Notice tone="error">{errorText(t, error)}</Notice>}
      <span className="listen-actions">
        <Button type="submit" variant="primary" data-testid="webhook-edit-save">
          {t('listen.alerts.saveWebhook')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('listen.alerts.cancel')}
        </Button>
      </span>
    </form>
  );
}

export function WebhookRow({
  hook,
  isAdmin,
  onChanged,
  onRotated,
}: {
  hook: Webhook;
  isAdmin: boolean;
  onChanged: () => void;
  onRotated?: () => void;
}) {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
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
  const rotate = async () => {
    if (!window.confirm(t('listen.alerts.rotateConfirm', { name: hook.name }))) return;
    setError(null);
    setSaved(false);
    try {
      const res = await api.post<Webhook & { secret: string }>(
        `/api/alert-webhooks/${hook.id}/rotate-secret`,
        {},
      );
      setSecret(res.secret);
      onRotated?.();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async () => {
    if (!window.confirm(t('listen.alerts.removeConfirm', { name: hook.name }))) return;
    try {
      await api.delete(`/api/alert-webhooks/${hook.id}`);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li className="webhook" data-testid="webhook-row" data-webhook={hook.id} data-active={hook.active}>
      <div className="webhook__head">
        <span>
          <strong>{hook.name}</strong> <code className="small">{hook.url}</code>
          {!hook.active && (
            <span className="small muted" data-testid="webhook-paused">
              {' '}
              ({t('listen.alerts.paused')})
            </span>
          )}
        </span>
        {isAdmin && !editing && (
          <span className="listen-actions">
            <Button size="sm" variant="secondary" onClick={test} data-testid="webhook-test">
              {t('listen.alerts.testSend')}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                setEditing(true);
                setSaved(false);
                setSecret(null);
              }}
              data-testid="webhook-edit"
            >
              {t('listen.alerts.edit')}
            </Button>
            <Button size="sm" variant="secondary" onClick={rotate} data-testid="webhook-rotate">
              {t('listen.alerts.rotateSecret')}
            </Button>
            <Button size="sm" variant="danger" onClick={remove}>
              {t('listen.alerts.remove')}
            </Button>
          </span>
        )}
      </div>
      {editing && (
        <WebhookEditor
          hook={hook}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            onChanged();
          }}
        />
      )}
      {saved && <Notice tone="success">{t('listen.alerts.webhookSaved')}</Notice>}
      {secret && (
        <Notice tone="success">
          <span data-testid="webhook-rotated-secret">
            {t('listen.alerts.secretRotated', { name: hook.name })} <code>{secret}</code>
          </span>
        </Notice>
      )}
      {error !== null && <Notice tone="error">{errorText(t, error)}</Notice>}
      <DeliveryLog webhookId={hook.id} generation={generation} />
    </li>
  );
}

/** A webhook's name and address fields, for adding one and for editing it. */
export function WebhookFields(props: {
  name: string;
  setName: (v: string) => void;
  url: string;
  setUrl: (v: string) => void;
  /** Test id prefix: `<testId>-name`, `<testId>-url`. */
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('listen.alerts.webhookName')}>
        {(c) => (
          <input
            {...c}
            value={props.name}
            onChange={(e) => props.setName(e.target.value)}
            required
            maxLength={200}
            data-testid={`${props.testId}-name`}
          />
        )}
      </Field>
      <Field label={t('listen.alerts.webhookUrl')} hint={t('listen.alerts.webhookUrlHint')}>
        {(c) => (
          <input
            {...c}
            type="url"
            value={props.url}
            onChange={(e) => props.setUrl(e.target.value)}
            required
            data-testid={`${props.testId}-url`}
          />
        )}
      </Field>
    </>
  );
}
