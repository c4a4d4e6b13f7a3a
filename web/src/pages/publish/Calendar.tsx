// The calendar: month, week and list views of the organisation's posts in its time zone, filtered by channel
// and state; a scheduled post is dragged to another day (or hour, in the week view) to reschedule it.
import { type DragEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Button, EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useApiData } from '../../useApiData.ts';
import { AuthorshipBadge, channelColour, NetworkIcon, StateBadge, usePublish, ZoneNote } from './parts.tsx';
import { isEditable, POST_STATES, type Post, stateOf, whenOf } from './types.ts';
import {
  addDays,
  addMonths,
  dateNoon,
  fromWallTime,
  isValidDate,
  startOfMonth,
  startOfWeek,
  wallTime,
} from './zones.ts';

type View = 'month' | 'week' | 'list';
const VIEWS: View[] = ['month', 'week', 'list'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const DRAG_TYPE = 'application/x-stemme-post';
/** The most posts one view asks for; when a period holds more, the view says so. */
const LIMIT = 500;

function windowOf(view: View, anchor: string): { first: string; days: number } {
  if (view === 'week') return { first: startOfWeek(anchor), days: 7 };
  const first = startOfWeek(startOfMonth(anchor));
  return { first, days: 42 };
}

/** Posts that can still be moved: not yet (partly) out, and not cancelled. */
function movable(post: Post): boolean {
  const state = stateOf(post);
  return isEditable(post) && state !== 'cancelled' && state !== 'published' && post.scheduledAt !== null;
}

export function Calendar() {
  const { t, i18n } = useTranslation();
  const { channels, channelsLoaded, orgZone, canWrite } = usePublish();
  const [search, setSearch] = useSearchParams();
  const today = wallTime(new Date(), orgZone).date;
  const view: View = VIEWS.includes(search.get('view') as View) ? (search.get('view') as View) : 'month';
  const anchorParam = search.get('date') ?? '';
  const anchor = isValidDate(anchorParam) ? anchorParam : today;
  const channelFilter = search.get('channel') ?? '';
  const stateFilter = search.get('state') ?? '';

  const { first, days } = windowOf(view, anchor);
  const from = fromWallTime(first, '00:00', orgZone).toISOString();
  const to = fromWallTime(addDays(first, days), '00:00', orgZone).toISOString();
  const data = useApiData<{ posts: Post[] }>(
    `/api/posts?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=${LIMIT}${
      channelFilter ? `&channelId=${encodeURIComponent(channelFilter)}` : ''
    }${stateFilter ? `&state=${encodeURIComponent(stateFilter)}` : ''}`,
  );
  const [posts, setPosts] = useState<Post[]>([]);
  useEffect(() => {
    if (data.data) setPosts(data.data.posts);
  }, [data.data]);
  const [moveError, setMoveError] = useState<unknown>();
  const weekBody = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState<string>();
  const [dropTarget, setDropTarget] = useState<string>();

  const shown = useMemo(
    () =>
      posts
        .filter((p) => !channelFilter || p.targets.some((tg) => tg.channelId === channelFilter))
        .filter((p) => !stateFilter || stateOf(p) === stateFilter)
        .sort((a, b) => whenOf(a).localeCompare(whenOf(b))),
    [posts, channelFilter, stateFilter],
  );
  const byDay = useMemo(() => {
    const map = new Map<string, Post[]>();
    for (const p of shown) {
      const day = wallTime(new Date(whenOf(p)), orgZone).date;
      map.set(day, [...(map.get(day) ?? []), p]);
    }
    return map;
  }, [shown, orgZone]);

  // The week opens at the morning, or at the first post of the week when that is earlier or later.
  const loaded = data.data !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per week shown, when its posts have arrived
  useEffect(() => {
    const body = weekBody.current;
    if (view !== 'week' || !body || !loaded) return;
    const hours = shown.map((p) => Number(wallTime(new Date(whenOf(p)), orgZone).time.slice(0, 2)));
    const earliest = hours.length ? Math.min(...hours) : 7;
    // From 07:00 when the earliest post is still in view from there, else from just before it.
    const hour = earliest < 7 ? Math.max(0, earliest - 1) : earliest - 7 < 14 ? 7 : earliest - 1;
    const row = body.querySelector<HTMLElement>(`[data-hour="${hour}"]`);
    body.scrollTop = row ? row.offsetTop : 0;
  }, [view, first, loaded, shown.length]);

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  }

  function step(n: number) {
    setParam('date', view === 'week' ? addDays(anchor, 7 * n) : addMonths(anchor, n));
  }

  async function move(postId: string, day: string, hour?: number) {
    const post = posts.find((p) => p.id === postId);
    if (!post?.scheduledAt) return;
    const current = wallTime(new Date(post.scheduledAt), orgZone);
    const time =
      hour === undefined ? current.time : `${String(hour).padStart(2, '0')}:${current.time.slice(3)}`;
    if (day === current.date && time === current.time) return;
    const scheduledAt = fromWallTime(day, time, orgZone).toISOString();
    const before = posts;
    // Move it at once; put it back if the server says no.
    setPosts((list) =>
      list.map((p) =>
        p.id === postId
          ? {
              ...p,
              scheduledAt,
              targets: p.targets.map((tg) =>
                tg.status === 'scheduled' ? { ...tg, dueAt: scheduledAt } : tg,
              ),
            }
          : p,
      ),
    );
    try {
      const saved = await api.patch<Post>(`/api/posts/${encodeURIComponent(postId)}`, { scheduledAt });
      setPosts((list) => list.map((p) => (p.id === postId ? { ...p, ...saved } : p)));
    } catch (err) {
      setPosts(before);
      setMoveError(err);
    }
  }

  function dropProps(key: string, day: string, hour?: number) {
    return {
      onDragOver: (e: DragEvent) => {
        if (!dragging) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (dropTarget !== key) setDropTarget(key);
      },
      onDragLeave: () => setDropTarget((k) => (k === key ? undefined : k)),
      onDrop: (e: DragEvent) => {
        e.preventDefault();
        const id = e.dataTransfer.getData(DRAG_TYPE) || dragging;
        setDropTarget(undefined);
        setDragging(undefined);
        if (id) void move(id, day, hour);
      },
    };
  }

  function chip(post: Post) {
    const state = stateOf(post);
    const late = post.targets.some((tg) => tg.late);
    const canMove = canWrite && movable(post);
    const at = wallTime(new Date(whenOf(post)), orgZone);
    const authorships = [...new Set(post.targets.map((tg) => tg.authorship))];
    const channelIds = [...new Set(post.targets.map((tg) => tg.channelId))];
    return (
      <Link
        key={post.id}
        to={`/publish/posts/${encodeURIComponent(post.id)}`}
        className={`cal-post cal-post--${state}${dragging === post.id ? ' cal-post--dragging' : ''}`}
        data-testid={`cal-post-${post.id}`}
        data-state={state}
        data-day={at.date}
        data-time={at.time}
        draggable={canMove}
        onDragStart={(e) => {
          if (!canMove) return;
          e.dataTransfer.setData(DRAG_TYPE, post.id);
          e.dataTransfer.effectAllowed = 'move';
          setDragging(post.id);
        }}
        onDragEnd={() => {
          setDragging(undefined);
          setDropTarget(undefined);
        }}
        title={canMove ? t('publish.calendar.dragHint') : undefined}
      >
        <span className="cal-post__line">
          <span className="cal-post__time">{at.time}</span>
          <span className="cal-post__channels">
            {channelIds.map((id) => {
              const tg = post.targets.find((x) => x.channelId === id)!;
              return (
                <span key={id} style={{ color: channelColour(channels, id) }} title={tg.handle}>
                  <NetworkIcon network={tg.network} size={13} />
                </span>
              );
            })}
          </span>
          {authorships.map((a) => (
            <AuthorshipBadge key={a} authorship={a} compact />
          ))}
        </span>
        <span className="cal-post__text">{post.text.slice(0, 80) || '—'}</span>
        <StateBadge state={state} late={late} />
      </Link>
    );
  }

  const dayName = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' });
  const dayNum = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', timeZone: 'UTC' });
  const title =
    view === 'week'
      ? `${new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(dateNoon(first))} – ${new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(dateNoon(addDays(first, 6)))}`
      : new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
          dateNoon(anchor),
        );
  const weekDays = Array.from({ length: 7 }, (_, i) => addDays(first, i));

  if (channelsLoaded && channels.length === 0 && posts.length === 0)
    return (
      <div data-testid="calendar-no-channels">
        <EmptyState title={t('publish.empty.noChannels')}>
          <Link to="/settings">{t('publish.empty.connectLink')}</Link>
        </EmptyState>
      </div>
    );

  return (
    <div className="calendar" data-testid="calendar" data-view={view}>
      <div className="calendar__bar">
        <div className="calendar__nav">
          <Button
            size="sm"
            onClick={() => step(-1)}
            aria-label={t('publish.calendar.previous')}
            data-testid="cal-prev"
          >
            ‹
          </Button>
          <Button size="sm" onClick={() => setParam('date', '')} data-testid="cal-today">
            {t('publish.calendar.today')}
          </Button>
          <Button
            size="sm"
            onClick={() => step(1)}
            aria-label={t('publish.calendar.next')}
            data-testid="cal-next"
          >
            ›
          </Button>
          <h2 className="calendar__title" data-testid="cal-title">
            {title}
          </h2>
        </div>
        <div className="calendar__filters">
          <select
            className="select--inline"
            value={channelFilter}
            onChange={(e) => setParam('channel', e.target.value)}
            aria-label={t('publish.calendar.channelFilter')}
            data-testid="cal-filter-channel"
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
            value={stateFilter}
            onChange={(e) => setParam('state', e.target.value)}
            aria-label={t('publish.calendar.stateFilter')}
            data-testid="cal-filter-state"
          >
            <option value="">{t('publish.calendar.allStates')}</option>
            {POST_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`publish.state.${s}`)}
              </option>
            ))}
          </select>
          <div className="segmented segmented--sm">
            {VIEWS.map((v) => (
              <button
                key={v}
                type="button"
                className={`segmented__option${view === v ? ' segmented__option--on' : ''}`}
                aria-pressed={view === v}
                onClick={() => setParam('view', v === 'month' ? '' : v)}
                data-testid={`cal-view-${v}`}
              >
                {t(`publish.calendar.views.${v}`)}
              </button>
            ))}
          </div>
        </div>
      </div>
      <ZoneNote />
      {posts.length >= LIMIT && (
        <Notice testId="cal-truncated">{t('publish.calendar.truncated', { count: LIMIT })}</Notice>
      )}
      {data.error && !data.data && <ErrorState error={data.error} onRetry={data.reload} />}
      {!data.data && !data.error && <LoadingState />}
      {data.data && view === 'month' && (
        <div className="month">
          <div className="month__head">
            {weekDays.map((d) => (
              <div key={d} className="month__dow">
                {dayName.format(dateNoon(d))}
              </div>
            ))}
          </div>
          <div className="month__grid">
            {Array.from({ length: days }, (_, i) => addDays(first, i)).map((day) => {
              const list = byDay.get(day) ?? [];
              const outside = day.slice(0, 7) !== anchor.slice(0, 7);
              return (
                <div
                  key={day}
                  className={`month__day${outside ? ' month__day--outside' : ''}${day === today ? ' month__day--today' : ''}${dropTarget === day ? ' month__day--drop' : ''}`}
                  data-testid={`cal-day-${day}`}
                  {...dropProps(day, day)}
                >
                  <span className="month__num">{dayNum.format(dateNoon(day))}</span>
                  {list.map((p) => chip(p))}
                </div>
              );
            })}
          </div>
        </div>
      )}
      {data.data && view === 'week' && (
        <div className="week">
          <div className="week__head">
            <div className="week__corner" />
            {weekDays.map((d) => (
              <div key={d} className={`week__dow${d === today ? ' week__dow--today' : ''}`}>
                {dayName.format(dateNoon(d))} {dayNum.format(dateNoon(d))}
              </div>
            ))}
          </div>
          <div className="week__body" ref={weekBody}>
            {HOURS.map((h) => (
              <div key={h} className="week__row" data-hour={h}>
                <div className="week__hour">{`${String(h).padStart(2, '0')}:00`}</div>
                {weekDays.map((day) => {
                  const key = `${day}-${h}`;
                  const list = (byDay.get(day) ?? []).filter(
                    (p) => Number(wallTime(new Date(whenOf(p)), orgZone).time.slice(0, 2)) === h,
                  );
                  return (
                    <div
                      key={key}
                      className={`week__cell${dropTarget === key ? ' week__cell--drop' : ''}`}
                      data-testid={`cal-slot-${day}-${String(h).padStart(2, '0')}`}
                      {...dropProps(key, day, h)}
                    >
                      {list.map((p) => chip(p))}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        </div>
      )}
      {data.data && view === 'list' && (
        <div className="cal-list" data-testid="cal-list">
          {shown.length === 0 ? (
            <EmptyState title={t('publish.calendar.emptyList')}>
              {canWrite && <Link to="/publish/compose">{t('publish.newPost')}</Link>}
            </EmptyState>
          ) : (
            [...byDay.entries()].map(([day, list]) => (
              <section key={day} className="cal-list__day">
                <h3 className="cal-list__date">
                  {new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' }).format(
                    dateNoon(day),
                  )}
                </h3>
                {list.map((p) => chip(p))}
              </section>
            ))
          )}
        </div>
      )}
      {data.data && view !== 'list' && shown.length === 0 && (
        <p className="muted calendar__empty" data-testid="cal-empty">
          {t('publish.calendar.emptyRange')}{' '}
          {canWrite && <Link to="/publish/compose">{t('publish.calendar.writeOne')}</Link>}
        </p>
      )}
      <Dialog
        open={moveError !== undefined}
        title={t('publish.calendar.moveFailedTitle')}
        onClose={() => setMoveError(undefined)}
        testId="move-failed"
        footer={
          <Button variant="primary" onClick={() => setMoveError(undefined)} data-testid="move-failed-ok">
            {t('publish.ok')}
          </Button>
        }
      >
        <p>{t('publish.calendar.moveFailedBody')}</p>
        <p className="field__error">{moveError !== undefined && errorText(t, moveError)}</p>
      </Dialog>
      {/* Navigation for people who cannot drag: open the post and change its time there. */}
      <p className="muted small">{t('publish.calendar.keyboardHint')}</p>
    </div>
  );
}
