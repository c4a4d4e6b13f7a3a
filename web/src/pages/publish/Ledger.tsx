// The authorship ledger: every post per channel with who wrote it, who approved it and on whose account it
// went out; filters by channel, period and authorship; the same rows as CSV for the board or the auditor.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { AuthorshipBadge, ChannelLabel, channelColour, StateBadge, usePublish, ZoneNote } from './parts.tsx';
import type { Authorship, LedgerEntry } from './types.ts';
import { addDays, fromWallTime, wallTime } from './zones.ts';

const AUTHORSHIPS: Authorship[] = ['own_words', 'on_behalf', 'organisation'];

export function Ledger() {
  const { t } = useTranslation();
  const format = useFormat();
  const { channels, orgZone } = usePublish();
  const today = wallTime(new Date(), orgZone).date;
  const [from, setFrom] = useState(addDays(today, -90));
  const [to, setTo] = useState(today);
  const [channelId, setChannelId] = useState('');
  const [authorship, setAuthorship] = useState<Authorship | ''>('');

  const query = useMemo(() => {
    const q = new URLSearchParams();
    if (from) q.set('from', fromWallTime(from, '00:00', orgZone).toISOString());
    if (to) q.set('to', fromWallTime(addDays(to, 1), '00:00', orgZone).toISOString());
    if (channelId) q.set('channelId', channelId);
    return q.toString();
  }, [from, to, channelId, orgZone]);
  const data = useApiData<{ entries: LedgerEntry[] }>(`/api/ledger?${query}`);
  const entries = (data.data?.entries ?? []).filter((e) => !authorship || e.authorship === authorship);

  return (
    <div className="stack" data-testid="ledger">
      <p className="muted">{t('publish.ledger.intro')}</p>
      <div className="ledger__filters">
        <label className="inline-field">
          <span>{t('publish.ledger.from')}</span>
          <input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="ledger-from"
          />
        </label>
        <label className="inline-field">
          <span>{t('publish.ledger.to')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="ledger-to" />
        </label>
        <select
          className="select--inline"
          value={channelId}
          onChange={(e) => setChannelId(e.target.value)}
          aria-label={t('publish.calendar.channelFilter')}
          data-testid="ledger-channel"
        >
          <option value="">{t('publish.calendar.allChannels')}</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.handle} ({c.networkLabel})
            </option>
          ))}
        </select>
        <select
          className="select--inline"
          value={authorship}
          onChange={(e) => setAuthorship(e.target.value as Authorship | '')}
          aria-label={t('publish.ledger.authorshipFilter')}
          data-testid="ledger-authorship"
        >
          <option value="">{t('publish.ledger.allAuthorship')}</option>
          {AUTHORSHIPS.map((a) => (
            <option key={a} value={a}>
              {t(`publish.authorship.${a}`)}
            </option>
          ))}
        </select>
        <a
          className="btn btn--secondary btn--sm"
          href={`/api/ledger.csv?${query}`}
          download
          data-testid="ledger-csv"
        >
          {t('publish.ledger.export')}
        </a>
      </div>
      <ZoneNote />
      {data.error && !data.data && <ErrorState error={data.error} onRetry={data.reload} />}
      {!data.data && !data.error && <LoadingState />}
      {data.data &&
        (entries.length === 0 ? (
          <div data-testid="ledger-empty">
            <EmptyState title={t('publish.ledger.empty')}>{t('publish.ledger.emptyHint')}</EmptyState>
          </div>
        ) : (
          <div className="table-wrap table-wrap--scroll">
            <table className="table table--dense ledger-table" data-testid="ledger-table">
              <thead>
                <tr>
                  <th scope="col">{t('publish.ledger.when')}</th>
                  <th scope="col">{t('publish.detail.channel')}</th>
                  <th scope="col">{t('publish.ledger.text')}</th>
                  <th scope="col">{t('publish.detail.writtenBy')}</th>
                  <th scope="col">{t('publish.detail.approvedBy')}</th>
                  <th scope="col">{t('publish.detail.authorship')}</th>
                  <th scope="col">{t('publish.detail.status')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr
                    key={e.targetId}
                    data-testid={`ledger-row-${e.targetId}`}
                    data-authorship={e.authorship}
                  >
                    <td className="nowrap">{format.dateTime(e.publishedAt)}</td>
                    <td>
                      <ChannelLabel
                        channel={{ network: e.channel.network, handle: e.handle }}
                        colour={channelColour(channels, e.channel.id)}
                      />
                    </td>
                    <td className="cell-clip">
                      {e.remoteUrl ? (
                        <a href={e.remoteUrl} target="_blank" rel="noreferrer">
                          {e.text}
                        </a>
                      ) : (
                        e.text
                      )}
                    </td>
                    <td>{e.writtenBy?.name ?? '—'}</td>
                    <td>{e.approvedBy?.name ?? '—'}</td>
                    <td>
                      <AuthorshipBadge authorship={e.authorship} />
                    </td>
                    <td>
                      <StateBadge state={e.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}
