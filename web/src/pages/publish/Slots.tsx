// Queue slots per channel: the weekday times "next free slot" fills, in the organisation's time zone.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { Button, EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { ChannelLabel, channelColour, usePublish, ZoneNote } from './parts.tsx';
import type { PublishChannel, Slot } from './types.ts';
import { dateNoon } from './zones.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

export function Slots() {
  const { t } = useTranslation();
  const { channels, channelsLoaded } = usePublish();
  if (!channelsLoaded) return <LoadingState />;
  if (channels.length === 0)
    return (
      <div data-testid="slots-no-channels">
        <EmptyState title={t('publish.empty.noChannels')}>
          <Link to="/settings">{t('publish.empty.connectLink')}</Link>
        </EmptyState>
      </div>
    );
  return (
    <div className="stack" data-testid="slots">
      <p className="muted">{t('publish.slots.intro')}</p>
      <ZoneNote />
      <div className="slots-grid">
        {channels.map((c) => (
          <ChannelSlots key={c.id} channel={c} />
        ))}
      </div>
    </div>
  );
}

function ChannelSlots({ channel }: { channel: PublishChannel }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { channels, canWrite } = usePublish();
  const path = `/api/channels/${encodeURIComponent(channel.id)}/slots`;
  const data = useApiData<{ timeZone: string; slots: Slot[] }>(path);
  const next = useApiData<{ at: string | null }>(`/api/channels/${encodeURIComponent(channel.id)}/next-slot`);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data.data) setSlots(data.data.slots);
  }, [data.data]);
  const dayName = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday: weekday n is 2024-01-0n.
  const label = (n: number) => dayName.format(dateNoon(`2024-01-0${n}`));

  async function save() {
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const sorted = [...slots].sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time));
      const res = await api.put<{ slots: Slot[] }>(path, { slots: sorted });
      setSlots(res?.slots ?? sorted);
      setSaved(true);
      next.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card slots-card" data-testid={`slots-${channel.id}`}>
      <div className="card__body">
        <h3 className="slots-card__title">
          <ChannelLabel channel={channel} colour={channelColour(channels, channel.id)} />
          <span className="muted small">{channel.networkLabel}</span>
        </h3>
        {data.error && !data.data && <ErrorState error={data.error} onRetry={data.reload} />}
        {!data.data && !data.error && <LoadingState />}
        {data.data && (
          <>
            {slots.length === 0 && <p className="muted small">{t('publish.slots.none')}</p>}
            <ul className="slots-list">
              {slots.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: slots are positional while edited
                <li key={i} className="slots-list__row" data-testid={`slot-${channel.id}-${i}`}>
                  <select
                    className="select--inline"
                    value={s.weekday}
                    disabled={!canWrite}
                    aria-label={t('publish.slots.weekday')}
                    onChange={(e) =>
                      setSlots((list) =>
                        list.map((x, j) => (j === i ? { ...x, weekday: Number(e.target.value) } : x)),
                      )
                    }
                    data-testid={`slot-weekday-${channel.id}-${i}`}
                  >
                    {WEEKDAYS.map((d) => (
                      <option key={d} value={d}>
                        {label(d)}
                      </option>
                    ))}
                  </select>
                  <input
                    type="time"
                    value={s.time}
                    disabled={!canWrite}
                    aria-label={t('publish.slots.time')}
                    onChange={(e) =>
                      setSlots((list) => list.map((x, j) => (j === i ? { ...x, time: e.target.value } : x)))
                    }
                    data-testid={`slot-time-${channel.id}-${i}`}
                  />
                  {canWrite && (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setSlots((list) => list.filter((_, j) => j !== i))}
                      aria-label={t('publish.slots.remove')}
                    >
                      ×
                    </Button>
                  )}
                </li>
              ))}
            </ul>
            {canWrite && (
              <div className="slots-card__actions">
                <Button
                  size="sm"
                  onClick={() => {
                    setSaved(false);
                    setSlots((list) => [...list, { weekday: list.at(-1)?.weekday ?? 1, time: '09:00' }]);
                  }}
                  data-testid={`slot-add-${channel.id}`}
                >
                  {t('publish.slots.add')}
                </Button>
                <Button
                  size="sm"
                  variant="primary"
                  busy={busy}
                  onClick={() => void save()}
                  data-testid={`slot-save-${channel.id}`}
                >
                  {t('common.save')}
                </Button>
                {saved && <span className="saved">{t('common.saved')}</span>}
              </div>
            )}
            {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
            <p className="muted small" data-testid={`slot-next-${channel.id}`}>
              {next.data?.at
                ? t('publish.slots.next', { at: format.dateTime(next.data.at) })
                : t('publish.slots.noNext')}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
