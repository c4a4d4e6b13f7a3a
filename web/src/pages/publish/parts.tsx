// Small pieces the Publish area shares: network marks, channel labels and colours, state badges, authorship.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuthenticated } from '../../session.tsx';
import { useApiData } from '../../useApiData.ts';
import type { Authorship, MemberLite, PostState, PublishChannel, TargetStatus } from './types.ts';
import { viewerTimeZone } from './zones.ts';

/** Simple marks drawn for Stemme: a butterfly-ish pair of wings, a speech bubble, a box. */
export function NetworkIcon({ network, size = 16 }: { network: string; size?: number }) {
  const common = { width: size, height: size, viewBox: '0 0 24 24' };
  if (network === 'bluesky')
    return (
      <svg {...common} aria-hidden="true" className="net-icon net-icon--bluesky">
        <path
          fill="currentColor"
          d="M12 11.2C10.6 8.4 7 4 4.2 4 2.6 4 2.3 5.6 2.6 7.4c.5 2.6 2.6 4.3 5.4 4-2.6.7-4.3 2.2-3 4.4 1.8 3 4.6 1.6 7-2.4 2.4 4 5.2 5.4 7 2.4 1.3-2.2-.4-3.7-3-4.4 2.8.3 4.9-1.4 5.4-4 .3-1.8 0-3.4-1.6-3.4C17 4 13.4 8.4 12 11.2Z"
        />
      </svg>
    );
  if (network === 'mastodon')
    return (
      <svg {...common} aria-hidden="true" className="net-icon net-icon--mastodon">
        <path
          fill="currentColor"
          d="M12 2.5c-4.6 0-8 1.6-8 6.2v4.6c0 4.3 2.6 6.6 7 6.9 1.9.1 3.6-.2 4.7-.7l-.2-1.8c-1.2.4-2.7.6-4.3.5-2.1-.1-3.6-.8-3.8-2.6 2.4.5 5 .6 7.4.3 3-.4 5.2-2.2 5.2-5V8.7c0-4.6-3.4-6.2-8-6.2Zm3.9 10.6h-1.8V9c0-.9-.4-1.3-1.1-1.3-.8 0-1.2.5-1.2 1.5v2.2H10V9.2c0-1-.4-1.5-1.2-1.5-.7 0-1.1.4-1.1 1.3v4.1H5.9V8.9c0-2 1-3 2.7-3 1 0 1.8.4 2.3 1.2L12 8l1.1-.9c.5-.8 1.3-1.2 2.3-1.2 1.7 0 2.5 1 2.5 3Z"
        />
      </svg>
    );
  return (
    <svg {...common} aria-hidden="true" className="net-icon net-icon--sandbox">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
        d="M12 3 20 7.5v9L12 21l-8-4.5v-9L12 3Zm0 0v0M4 7.5l8 4.5 8-4.5M12 12v9"
      />
    </svg>
  );
}

/** Distinct, AA-readable colours; a channel keeps its colour by its place in the organisation's list. */
const PALETTE = ['#1d5f78', '#7a3e9d', '#b4531b', '#1e7b4d', '#a3284f', '#4b5bb5', '#6b6f1f', '#0f7c86'];

export function channelColour(channels: PublishChannel[], channelId: string): string {
  const i = channels.findIndex((c) => c.id === channelId);
  return PALETTE[(i < 0 ? channels.length : i) % PALETTE.length] ?? PALETTE[0]!;
}

export function ChannelLabel({
  channel,
  colour,
  compact = false,
}: {
  channel: { network: string; handle: string; name?: string };
  colour?: string | undefined;
  compact?: boolean;
}) {
  return (
    <span className="channel-label" style={colour ? { color: colour } : undefined}>
      <NetworkIcon network={channel.network} size={compact ? 14 : 16} />
      <span className="channel-label__handle">{channel.handle}</span>
    </span>
  );
}

export function StateBadge({ state, late }: { state: PostState | TargetStatus; late?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="state-badges">
      <span className={`pub-badge pub-badge--${state}`} data-state={state}>
        {t(`publish.state.${state}`)}
      </span>
      {late && <span className="pub-badge pub-badge--late">{t('publish.state.late')}</span>}
    </span>
  );
}

/** "written by the leader" / "on their behalf" / "organisation account", for the ledger and the calendar. */
export function AuthorshipBadge({
  authorship,
  compact = false,
}: {
  authorship: Authorship;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const label = t(`publish.authorship.${authorship}`);
  if (compact)
    return (
      <span
        className={`authorship-dot authorship-dot--${authorship}`}
        title={label}
        data-authorship={authorship}
      >
        <span aria-hidden="true">
          {authorship === 'own_words' ? '✎' : authorship === 'on_behalf' ? '⇄' : '▣'}
        </span>
        <span className="visually-hidden">{label}</span>
      </span>
    );
  return (
    <span className={`authorship authorship--${authorship}`} data-authorship={authorship}>
      {label}
    </span>
  );
}

export interface PublishSettings {
  requireApproval: boolean;
}

interface PublishContext {
  channels: PublishChannel[];
  channelsLoaded: boolean;
  reloadChannels: () => void;
  reloadSettings: () => void;
  /** Something changed what waits for approval: the tab's count reloads. */
  approvalsVersion: number;
  bumpApprovals: () => void;
  members: MemberLite[];
  settings: PublishSettings;
  orgZone: string;
  viewerZone: string;
  canWrite: boolean;
  canApprove: boolean;
  isAdmin: boolean;
  userId: string;
}

const Ctx = createContext<PublishContext | undefined>(undefined);

export function PublishProvider({ children }: { children: ReactNode }) {
  const session = useAuthenticated();
  const channels = useApiData<{ channels: PublishChannel[] }>('/api/channels');
  const members = useApiData<{ members: MemberLite[] }>('/api/team/members');
  const settings = useApiData<PublishSettings>('/api/publishing/settings');
  const role = session.role;
  const [approvalsVersion, setApprovalsVersion] = useState(0);
  const bumpApprovals = useCallback(() => setApprovalsVersion((v) => v + 1), []);
  const value = useMemo<PublishContext>(
    () => ({
      channels: channels.data?.channels ?? [],
      channelsLoaded: channels.data !== undefined,
      reloadChannels: channels.reload,
      reloadSettings: settings.reload,
      approvalsVersion,
      bumpApprovals,
      members: members.data?.members ?? [],
      // Until the server has the setting, an organisation does not require approval.
      settings: { requireApproval: settings.data?.requireApproval ?? false },
      orgZone: session.org?.timeZone ?? 'UTC',
      viewerZone: viewerTimeZone(),
      canWrite: role === 'admin' || role === 'editor',
      canApprove: role === 'admin' || role === 'approver',
      isAdmin: role === 'admin',
      userId: session.user.id,
    }),
    [
      channels.data,
      channels.reload,
      members.data,
      settings.data,
      settings.reload,
      session,
      role,
      approvalsVersion,
      bumpApprovals,
    ],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePublish(): PublishContext {
  const value = useContext(Ctx);
  if (!value) throw new Error('usePublish outside PublishProvider');
  return value;
}

/** How the time-zone line reads: "Times in Europe/Oslo (organisation) · your time: America/New_York". */
export function ZoneNote() {
  const { t } = useTranslation();
  const { orgZone, viewerZone } = usePublish();
  return (
    <p className="zone-note" data-testid="zone-note">
      {t('publish.zone.org', { zone: orgZone })}
      {orgZone !== viewerZone && <> · {t('publish.zone.viewer', { zone: viewerZone })}</>}
    </p>
  );
}
