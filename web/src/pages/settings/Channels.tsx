// The organisation's connected accounts: the list for everyone, connect/reconnect/disconnect for admins.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../api.ts';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { ExternalIcon } from '../../components/Icons.tsx';
import { Button, EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { ChannelConnectForm } from './ChannelsConnectForm.tsx';

/** A channel as `GET /api/channels` presents it (src/publishing/channels.ts, ChannelView). */
export interface Channel {
  id: string;
  network: string;
  networkLabel: string;
  name: string;
  handle: string;
  accountUrl: string;
  status: string;
  statusReason: string | null;
  createdAt: string;
}

function StatusBadge({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  if (channel.status === 'active')
    return <span className="badge badge--editor">{t('settings.channels.status.active')}</span>;
  if (channel.status === 'reconnect_needed')
    return <span className="badge badge--soon">{t('settings.channels.status.reconnect_needed')}</span>;
  return <span className="badge badge--viewer">{channel.status}</span>;
}

/** Only http(s) addresses become links; the sandbox's are paths on this server. */
function safeHref(url: string): string | undefined {
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Mastodon OAuth callback redirects here with `?mastodon=connected|reconnected|failed` (and the channel or
 * the reason): said once, then removed from the address so a reload does not repeat it.
 */
function useOAuthOutcome(channels: Channel[] | undefined) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string }>();
  useEffect(() => {
    const q = new URLSearchParams(location.search);
    const status = q.get('mastodon');
    if (!status || !channels) return;
    if (status === 'failed') {
      setOutcome({
        tone: 'error',
        text: t('settings.channels.mastodon.failed', { reason: q.get('message') ?? '' }),
      });
    } else {
      const channel = channels.find((c) => c.id === q.get('channel'));
      const handle = channel?.handle ?? 'Mastodon';
      setOutcome({
        tone: 'success',
        text:
          status === 'reconnected'
            ? t('settings.channels.reconnected', { handle })
            : t('settings.channels.connectedNotice', { handle, network: 'Mastodon' }),
      });
    }
    navigate({ pathname: location.pathname, hash: location.hash }, { replace: true });
    document.getElementById('channels')?.scrollIntoView();
  }, [location, navigate, channels, t]);
  return outcome;
}

export function Channels({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const channels = useApiData<{ channels: Channel[] }>('/api/channels');
  const [removing, setRemoving] = useState<Channel>();
  const [reconnecting, setReconnecting] = useState<Channel>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const oauth = useOAuthOutcome(channels.data?.channels);
  const location = useLocation();
  const loaded = channels.data !== undefined;
  // Linked here from the notification bell or the composer: bring the channels into view once they are shown.
  useEffect(() => {
    if (loaded && location.hash === '#channels') document.getElementById('channels')?.scrollIntoView();
  }, [loaded, location.hash]);

  async function disconnect() {
    if (!removing) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.delete(`/api/channels/${encodeURIComponent(removing.id)}`);
      setDone(t('settings.channels.disconnected', { handle: removing.handle }));
      setRemoving(undefined);
      channels.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (channels.loading && !channels.data) return <LoadingState />;
  if (channels.error && !channels.data)
    return <ErrorState error={channels.error} onRetry={channels.reload} />;
  const list = channels.data?.channels ?? [];

  return (
    <div className="stack" data-testid="channels-section" id="channels">
      {oauth && !done && (
        <Notice tone={oauth.tone} testId="channels-oauth-outcome">
          {oauth.text}
        </Notice>
      )}
      {done && <Notice tone="success">{done}</Notice>}
      {list.length === 0 ? (
        <div data-testid="channels-empty">
          <EmptyState title={t('settings.channels.empty')}>
            {isAdmin ? t('settings.channels.emptyHintAdmin') : t('settings.channels.emptyHint')}
          </EmptyState>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="channels-table">
            <thead>
              <tr>
                <th scope="col">{t('settings.channels.network')}</th>
                <th scope="col">{t('settings.channels.account')}</th>
                <th scope="col">{t('settings.channels.statusLabel')}</th>
                <th scope="col">{t('settings.channels.connected')}</th>
                {isAdmin && (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((channel) => {
                const href = safeHref(channel.accountUrl);
                return (
                  <tr key={channel.id} data-testid={`channel-row-${channel.id}`}>
                    <td className="nowrap">{channel.networkLabel}</td>
                    <td>
                      {href ? (
                        <a href={href} target="_blank" rel="noreferrer">
                          {channel.handle} <ExternalIcon size={13} />
                        </a>
                      ) : (
                        channel.handle
                      )}
                      {channel.name && channel.name !== channel.handle && (
                        <div className="muted">{channel.name}</div>
                      )}
                    </td>
                    <td>
                      <StatusBadge channel={channel} />
                      {channel.status !== 'active' && channel.statusReason && (
                        <div className="field__error">{channel.statusReason}</div>
                      )}
                      {!isAdmin && channel.status === 'reconnect_needed' && (
                        <div className="muted small">{t('settings.channels.askAdminToReconnect')}</div>
                      )}
                    </td>
                    <td className="nowrap">{format.date(channel.createdAt)}</td>
                    {isAdmin && (
                      <td className="table__actions">
                        {channel.status === 'reconnect_needed' && (
                          <Button
                            size="sm"
                            data-testid={`channel-reconnect-${channel.id}`}
                            onClick={() => {
                              setDone(undefined);
                              setReconnecting(channel);
                            }}
                          >
                            {t('settings.channels.reconnect')}
                          </Button>
                        )}
                        <Button
                          size="sm"
                          variant="ghost"
                          className="btn--danger-text"
                          data-testid={`channel-disconnect-${channel.id}`}
                          aria-label={t('settings.channels.disconnectNamed', { handle: channel.handle })}
                          onClick={() => {
                            setError(undefined);
                            setDone(undefined);
                            setRemoving(channel);
                          }}
                        >
                          {t('settings.channels.disconnect')}
                        </Button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin && (
        <ChannelConnectForm
          key={reconnecting?.id ?? 'new'}
          reconnecting={reconnecting}
          onCancelReconnect={() => setReconnecting(undefined)}
          onDone={(channel, again) => {
            setReconnecting(undefined);
            setDone(
              again
                ? t('settings.channels.reconnected', { handle: channel.handle })
                : t('settings.channels.connectedNotice', {
                    handle: channel.handle,
                    network: channel.networkLabel,
                  }),
            );
            channels.reload();
          }}
        />
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title={t('settings.channels.disconnectTitle')}
        body={t('settings.channels.disconnectBody', {
          handle: removing?.handle ?? '',
          network: removing?.networkLabel ?? '',
        })}
        confirmLabel={t('settings.channels.disconnect')}
        busy={busy}
        error={error === undefined ? undefined : errorText(t, error)}
        onConfirm={() => void disconnect()}
        onCancel={() => setRemoving(undefined)}
      />
    </div>
  );
}
