// Connecting an account (admins): pick the network, then the fields that network needs. Also reconnects a
// channel whose credentials stopped working, with the network fixed. Mastodon signs in with OAuth on the
// instance (back here by redirect, or by pasting the code the instance shows); an access token is the
// advanced alternative.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { Button, Field, Notice } from '../../components/ui.tsx';
import { type Problems, required, useProblems } from '../../validation.ts';
import type { Channel } from './Channels.tsx';

const NETWORKS = ['sandbox', 'bluesky', 'mastodon'] as const;
type NetworkId = (typeof NETWORKS)[number];
const isNetwork = (value: string): value is NetworkId => (NETWORKS as readonly string[]).includes(value);

const DEFAULT_PDS = 'https://bsky.social';

/** `POST /api/oauth/mastodon` (src/publishing/mastodon-oauth.ts, StartedAuthorization). */
interface StartedAuthorization {
  id: string;
  instanceUrl: string;
  authorizeUrl: string;
  codeUrl: string;
  expiresAt: string;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

interface Props {
  reconnecting: Channel | undefined;
  onCancelReconnect: () => void;
  onDone: (channel: Channel, reconnected: boolean) => void;
}

export function ChannelConnectForm({ reconnecting, onCancelReconnect, onDone }: Props) {
  const { t } = useTranslation();
  const startNetwork = reconnecting && isNetwork(reconnecting.network) ? reconnecting.network : 'sandbox';
  const [network, setNetwork] = useState<NetworkId>(startNetwork);
  const [handle, setHandle] = useState(reconnecting?.handle ?? '');
  const [appPassword, setAppPassword] = useState('');
  const [service, setService] = useState(DEFAULT_PDS);
  const [instanceUrl, setInstanceUrl] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const [mastodonMode, setMastodonMode] = useState<'oauth' | 'token'>('oauth');
  const [started, setStarted] = useState<StartedAuthorization>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  // The server's app-password message is English; it is shown in the person's language instead.
  const [badAppPassword, setBadAppPassword] = useState(false);
  const form = useProblems();

  function edited(field: string) {
    form.edited(field);
    form.clearFailure();
    if (field === 'appPassword') setBadAppPassword(false);
  }

  function body(): Record<string, string> {
    if (network === 'bluesky')
      return { network, handle: handle.trim(), appPassword: appPassword.trim(), service: service.trim() };
    if (network === 'mastodon')
      return { network, instanceUrl: instanceUrl.trim(), accessToken: accessToken.trim() };
    return handle.trim() ? { network, handle: handle.trim() } : { network };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBadAppPassword(false);
    const found: Problems = {};
    if (network === 'bluesky') {
      if (!handle.trim()) found.handle = required;
      if (!appPassword.trim()) found.appPassword = required;
      if (!service.trim()) found.service = required;
    }
    const oauth = network === 'mastodon' && mastodonMode === 'oauth';
    if (network === 'mastodon') {
      if (!instanceUrl.trim()) found.instanceUrl = required;
      if (!oauth && !accessToken.trim()) found.accessToken = required;
      if (oauth && started && !code.trim()) found.code = required;
    }
    if (!form.check(found)) return;
    setBusy(true);
    try {
      if (oauth && !started) {
        setStarted(
          await api.post<StartedAuthorization>('/api/oauth/mastodon', {
            instanceUrl: instanceUrl.trim(),
            ...(reconnecting && { channelId: reconnecting.id }),
          }),
        );
        return;
      }
      if (oauth && started) {
        const done = await api.post<{ channel: Channel; reconnected: boolean }>(
          `/api/oauth/mastodon/${encodeURIComponent(started.id)}/code`,
          { code: code.trim() },
        );
        onDone(done.channel, done.reconnected);
        return;
      }
      const channel = reconnecting
        ? await api.put<Channel>(`/api/channels/${encodeURIComponent(reconnecting.id)}/credentials`, body())
        : await api.post<Channel>('/api/channels', body());
      onDone(channel, reconnecting !== undefined);
    } catch (err) {
      form.fail(err);
      setBadAppPassword(err instanceof ApiError && 'appPassword' in err.fields);
    } finally {
      setBusy(false);
    }
  }

  const appPasswordError = badAppPassword
    ? t('settings.channels.bluesky.appPasswordInvalid')
    : form.error('appPassword');

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="channel-connect-form">
      <h3 className="card__title">
        {reconnecting
          ? t('settings.channels.reconnectTitle', { handle: reconnecting.handle })
          : t('settings.channels.connectTitle')}
      </h3>
      {form.failureText && <Notice tone="error">{form.failureText}</Notice>}
      <div className="form__row">
        <Field label={t('settings.channels.network')} error={form.error('network')}>
          {(c) => (
            <select
              {...c}
              data-testid="channel-connect-network"
              value={network}
              disabled={reconnecting !== undefined}
              onChange={(e) => {
                const value = e.target.value;
                if (!isNetwork(value)) return;
                setNetwork(value);
                form.check({});
                setBadAppPassword(false);
              }}
            >
              {NETWORKS.map((id) => (
                <option key={id} value={id}>
                  {t(`settings.channels.networks.${id}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {network === 'sandbox' && (
          <Field
            label={t('settings.channels.sandbox.handle')}
            optional
            error={form.error('handle')}
            hint={t('settings.channels.sandbox.handleHint')}
          >
            {(c) => (
              <input
                {...c}
                data-testid="channel-connect-handle"
                value={handle}
                autoComplete="off"
                onChange={(e) => {
                  edited('handle');
                  setHandle(e.target.value);
                }}
              />
            )}
          </Field>
        )}
        {network === 'bluesky' && (
          <Field
            label={t('settings.channels.bluesky.handle')}
            error={form.error('handle')}
            hint={t('settings.channels.bluesky.handleHint')}
          >
            {(c) => (
              <input
                {...c}
                data-testid="channel-connect-handle"
                value={handle}
                autoComplete="off"
                placeholder="fjellvind.bsky.social"
                onChange={(e) => {
                  edited('handle');
                  setHandle(e.target.value);
                }}
                required
              />
            )}
          </Field>
        )}
        {network === 'mastodon' && (
          <Field
            label={t('settings.channels.mastodon.instanceUrl')}
            error={form.error('instanceUrl')}
            hint={t('settings.channels.mastodon.instanceUrlHint')}
          >
            {(c) => (
              <input
                {...c}
                type="url"
                data-testid="channel-connect-instance-url"
                value={instanceUrl}
                placeholder="https://mastodon.social"
                onChange={(e) => {
                  edited('instanceUrl');
                  setInstanceUrl(e.target.value);
                  setStarted(undefined);
                  setCode('');
                }}
                required
              />
            )}
          </Field>
        )}
      </div>
      {network === 'sandbox' && <p className="muted">{t('settings.channels.sandbox.about')}</p>}
      {network === 'bluesky' && (
        <>
          <Notice>{t('settings.channels.bluesky.appPasswordAbout')}</Notice>
          <div className="form__row">
            <Field
              label={t('settings.channels.bluesky.appPassword')}
              error={appPasswordError}
              hint={t('settings.channels.bluesky.appPasswordHint')}
            >
              {(c) => (
                <input
                  {...c}
                  type="password"
                  data-testid="channel-connect-app-password"
                  value={appPassword}
                  autoComplete="off"
                  placeholder="xxxx-xxxx-xxxx-xxxx"
                  onChange={(e) => {
                    edited('appPassword');
                    setAppPassword(e.target.value);
                  }}
                  required
                />
              )}
            </Field>
            <Field
              label={t('settings.channels.bluesky.service')}
              error={form.error('service')}
              hint={t('settings.channels.bluesky.serviceHint')}
            >
              {(c) => (
                <input
                  {...c}
                  type="url"
                  data-testid="channel-connect-service"
                  value={service}
                  onChange={(e) => {
                    edited('service');
                    setService(e.target.value);
                  }}
                  required
                />
              )}
            </Field>
          </div>
        </>
      )}
      {network === 'mastodon' && mastodonMode === 'oauth' && !started && (
        <p className="muted" data-testid="mastodon-oauth-about">
          {t('settings.channels.mastodon.oauthAbout')}
        </p>
      )}
      {network === 'mastodon' && mastodonMode === 'oauth' && started && (
        <div className="oauth-steps stack" data-testid="mastodon-oauth-started">
          <p>{t('settings.channels.mastodon.oauthNext', { host: hostOf(started.instanceUrl) })}</p>
          <div>
            <a
              className="btn btn--primary"
              href={started.authorizeUrl}
              data-testid="mastodon-oauth-authorize"
            >
              {t('settings.channels.mastodon.openInstance', { host: hostOf(started.instanceUrl) })}
            </a>
          </div>
          <p className="muted">
            {t('settings.channels.mastodon.pasteAbout')}{' '}
            <a href={started.codeUrl} target="_blank" rel="noreferrer" data-testid="mastodon-oauth-code-page">
              {t('settings.channels.mastodon.openCodePage', { host: hostOf(started.instanceUrl) })}
            </a>
          </p>
          <Field label={t('settings.channels.mastodon.code')} error={form.error('code')}>
            {(c) => (
              <input
                {...c}
                data-testid="mastodon-oauth-code"
                value={code}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => {
                  edited('code');
                  setCode(e.target.value);
                }}
              />
            )}
          </Field>
        </div>
      )}
      {network === 'mastodon' && mastodonMode === 'token' && (
        <Field
          label={t('settings.channels.mastodon.accessToken')}
          error={form.error('accessToken')}
          hint={t('settings.channels.mastodon.accessTokenHint')}
        >
          {(c) => (
            <input
              {...c}
              type="password"
              data-testid="channel-connect-access-token"
              value={accessToken}
              autoComplete="off"
              onChange={(e) => {
                edited('accessToken');
                setAccessToken(e.target.value);
              }}
              required
            />
          )}
        </Field>
      )}
      {network === 'mastodon' && (
        <label className="check-inline">
          <input
            type="checkbox"
            data-testid="mastodon-use-token"
            checked={mastodonMode === 'token'}
            onChange={(e) => {
              setMastodonMode(e.target.checked ? 'token' : 'oauth');
              setStarted(undefined);
              form.check({});
            }}
          />{' '}
          {t('settings.channels.mastodon.useToken')}
        </label>
      )}
      <div className="form__actions form__actions--start">
        <Button type="submit" variant="primary" busy={busy} data-testid="channel-connect-submit">
          {network === 'mastodon' && mastodonMode === 'oauth'
            ? started
              ? t('settings.channels.mastodon.connectWithCode')
              : t('settings.channels.mastodon.continue')
            : reconnecting
              ? t('settings.channels.reconnect')
              : t('settings.channels.connect')}
        </Button>
        {reconnecting && (
          <Button onClick={onCancelReconnect} disabled={busy}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
