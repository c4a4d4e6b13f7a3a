// The composer: write once, pick channels, see each network's preview live, adapt per channel, then schedule,
// queue at the next free slot, save as a draft or submit for approval. Also edits a post that has not gone out.
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { Button, EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useApiData } from '../../useApiData.ts';
import { ChannelPreviewCard, GuidelineHits } from './Preview.tsx';
import { channelColour, NetworkIcon, usePublish } from './parts.tsx';
import type {
  Authorship,
  ChannelPreview,
  GuidelineHit,
  Post,
  PreviewResponse,
  PublishChannel,
} from './types.ts';
import { personId } from './types.ts';
import { addDays, fromWallTime, wallTime } from './zones.ts';

interface ImageItem {
  key: string;
  name: string;
  data: string;
  mimeType: string;
  alt: string;
  url: string;
  size: number;
}

type When = 'now' | 'at' | 'slot';

const MAX_IMAGE_BYTES = 1_000_000;

function readImage(file: File): Promise<ImageItem> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const result = String(reader.result);
      const comma = result.indexOf(',');
      resolve({
        key: `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`,
        name: file.name,
        data: result.slice(comma + 1),
        mimeType: file.type || 'application/octet-stream',
        alt: '',
        url: URL.createObjectURL(file),
        size: file.size,
      });
    };
    reader.readAsDataURL(file);
  });
}

export function authorshipFor(channel: PublishChannel, writtenBy: string): Authorship {
  if (!channel.ownerUserId) return 'organisation';
  return channel.ownerUserId === writtenBy ? 'own_words' : 'on_behalf';
}

/** The scheduled time fields: the organisation's clock, and the viewer's when it differs. */
export function ZonedDateTime({
  date,
  time,
  onChange,
  idPrefix,
}: {
  date: string;
  time: string;
  onChange: (date: string, time: string) => void;
  idPrefix: string;
}) {
  const { t, i18n } = useTranslation();
  const { orgZone, viewerZone } = usePublish();
  const at = date && time ? fromWallTime(date, time, orgZone) : undefined;
  const viewer =
    at && orgZone !== viewerZone
      ? new Intl.DateTimeFormat(i18n.language, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: viewerZone,
        }).format(at)
      : undefined;
  return (
    <div className="zoned">
      <div className="zoned__inputs">
        <label className="zoned__field">
          <span className="field__label">{t('publish.schedule.date')}</span>
          <input
            id={`${idPrefix}-date`}
            type="date"
            value={date}
            onChange={(e) => onChange(e.target.value, time)}
            data-testid={`${idPrefix}-date`}
            required
          />
        </label>
        <label className="zoned__field">
          <span className="field__label">{t('publish.schedule.time')}</span>
          <input
            id={`${idPrefix}-time`}
            type="time"
            value={time}
            onChange={(e) => onChange(date, e.target.value)}
            data-testid={`${idPrefix}-time`}
            required
          />
        </label>
        <span className="zoned__zone">{t('publish.schedule.inZone', { zone: orgZone })}</span>
      </div>
      {viewer && (
        <p className="zoned__viewer" data-testid={`${idPrefix}-viewer-time`}>
          {t('publish.schedule.viewerTime', { time: viewer, zone: viewerZone })}
        </p>
      )}
    </div>
  );
}

function ChannelPicker({
  channels,
  selected,
  onToggle,
}: {
  channels: PublishChannel[];
  selected: string[];
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="channel-picker" data-testid="composer-channels">
      <legend className="field__label">{t('publish.composer.channels')}</legend>
      <div className="channel-picker__list">
        {channels.map((c) => {
          const blocked = c.status !== 'active';
          const on = selected.includes(c.id);
          return (
            <label
              key={c.id}
              className={`channel-chip${on ? ' channel-chip--on' : ''}${blocked ? ' channel-chip--blocked' : ''}`}
              style={{ ['--chip' as string]: channelColour(channels, c.id) }}
              title={blocked ? (c.statusReason ?? t('publish.composer.reconnectNeeded')) : c.networkLabel}
            >
              <input
                type="checkbox"
                checked={on}
                disabled={blocked}
                onChange={() => onToggle(c.id)}
                data-testid={`composer-channel-${c.id}`}
              />
              <NetworkIcon network={c.network} />
              <span className="channel-chip__handle">{c.handle}</span>
              {blocked && (
                <span className="channel-chip__reason">
                  {t('publish.composer.reconnectNeeded')}
                  {c.statusReason ? `: ${c.statusReason}` : ''}
                </span>
              )}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function Composer() {
  const { postId } = useParams<{ postId?: string }>();
  const existing = useApiData<Post>(postId ? `/api/posts/${encodeURIComponent(postId)}` : null);
  const { channels, channelsLoaded, canWrite } = usePublish();
  const { t } = useTranslation();
  if (!canWrite) return <Notice>{t('publish.composer.readOnly')}</Notice>;
  if (!channelsLoaded || (postId && !existing.data && !existing.error)) return <LoadingState />;
  if (existing.error) return <ErrorState error={existing.error} onRetry={existing.reload} />;
  if (channels.length === 0)
    return (
      <div data-testid="composer-no-channels">
        <EmptyState title={t('publish.empty.noChannels')}>
          <Link to="/settings#channels">{t('publish.empty.connectLink')}</Link>
        </EmptyState>
      </div>
    );
  return <ComposerForm key={postId ?? 'new'} post={existing.data} />;
}

function ComposerForm({ post }: { post: Post | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { channels, members, settings, orgZone, userId } = usePublish();
  const active = channels.filter((c) => c.status === 'active');

  const [text, setText] = useState(post?.text ?? '');
  const [thread, setThread] = useState(post?.thread ?? false);
  const [channelIds, setChannelIds] = useState<string[]>(() => {
    if (post) return post.targets.filter((tg) => tg.status !== 'cancelled').map((tg) => tg.channelId);
    // A link from elsewhere (the strategy health check) may name the channel to write for.
    const asked = new URLSearchParams(window.location.search).get('channel');
    if (asked && active.some((c) => c.id === asked)) return [asked];
    return active.length === 1 ? [active[0]!.id] : [];
  });
  const [variants, setVariants] = useState<Record<string, string[]>>(() => {
    const out: Record<string, string[]> = {};
    if (!post) return out;
    if (post.variants) {
      for (const v of post.variants) out[v.channelId] = v.parts;
      return out;
    }
    // Older servers keep no edits apart: a single part that differs from the text was edited.
    for (const tg of post.targets) {
      const parts = tg.variant?.parts.map((p) => p.text) ?? [];
      const customised =
        (parts.length === 1 && parts[0] !== post.text.trim()) || (!post.thread && parts.length > 1);
      if (customised) out[tg.channelId] = parts;
    }
    return out;
  });
  const [images, setImages] = useState<ImageItem[]>([]);
  // Editing: the post's stored images stay unless removed; their alt text can be changed.
  const [kept, setKept] = useState<{ mediaId: string; alt: string }[]>(
    () => post?.media?.map((m) => ({ mediaId: m.id, alt: m.alt })) ?? [],
  );
  const [imageError, setImageError] = useState<string>();
  const [writtenBy, setWrittenBy] = useState(personId(post?.writtenBy) ?? userId);
  const [tab, setTab] = useState<string>('shared');
  const initial = useMemo(() => {
    const at = post?.scheduledAt ? new Date(post.scheduledAt) : new Date(Date.now() + 60 * 60 * 1000);
    const w = wallTime(at, orgZone);
    return post?.scheduledAt ? w : { date: w.date, time: `${w.time.slice(0, 2)}:00` };
  }, [post, orgZone]);
  const [when, setWhen] = useState<When>(post?.scheduledAt ? 'at' : 'now');
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [preview, setPreview] = useState<PreviewResponse>();
  const [previewError, setPreviewError] = useState<unknown>();
  const [busy, setBusy] = useState<'draft' | 'submit'>();
  const [error, setError] = useState<unknown>();
  const [serverProblems, setServerProblems] = useState<Record<string, { message: string }[]>>();
  const [blockedHits, setBlockedHits] = useState<GuidelineHit[]>();
  const formRef = useRef<HTMLFormElement>(null);
  const submitIntent = useRef<'draft' | 'submit'>('submit');

  const selected = channelIds
    .map((id) => channels.find((c) => c.id === id))
    .filter((c): c is PublishChannel => Boolean(c));
  const writer = members.find((m) => m.userId === writtenBy);
  const writerName = writer?.name ?? t('publish.composer.me');
  const missingAlt = images.some((img) => !img.alt.trim()) || kept.some((k) => !k.alt.trim());

  const variantList = useMemo(
    () =>
      Object.entries(variants)
        .filter(([id]) => channelIds.includes(id))
        .map(([channelId, parts]) => ({ channelId, parts })),
    [variants, channelIds],
  );
  const imagePayload = useMemo(
    () => images.map((img) => ({ data: img.data, mimeType: img.mimeType, alt: img.alt })),
    [images],
  );
  // The preview runs on every pause in typing: it gets a one-byte stand-in for each image (type and alt text are
  // what it checks); the size is checked here against each network's limit, and the server checks the real
  // bytes when the post is saved.
  const previewImages = useMemo(
    () => images.map((img) => ({ data: 'AA==', mimeType: img.mimeType, alt: img.alt })),
    [images],
  );

  // Live preview, debounced: every selected channel's variant and problems, plus guideline hits.
  useEffect(() => {
    if (channelIds.length === 0) {
      setPreview(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api
        .post<PreviewResponse>(
          '/api/posts/preview',
          { text, thread, images: previewImages, channelIds, variants: variantList },
          { signal: controller.signal },
        )
        .then((res) => {
          setPreview(res);
          setPreviewError(undefined);
        })
        .catch((err: unknown) => {
          if (!controller.signal.aborted) setPreviewError(err);
        });
    }, 350);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text, thread, previewImages, channelIds, variantList]);

  // Closing the tab with unsaved words asks first (the browser's own question).
  const saving = useRef(false);
  const dirty = text !== (post?.text ?? '') || images.length > 0;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (saving.current) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  function previewFor(id: string): ChannelPreview | undefined {
    const found = preview?.channels.find((p) => p.channelId === id);
    if (!found) return undefined;
    const tooLarge = images.filter((img) => img.size > found.limits.media.maxImageBytes);
    if (tooLarge.length === 0) return found;
    return {
      ...found,
      problems: [
        ...found.problems,
        ...tooLarge.map((img) => ({
          code: 'image_too_large' as const,
          message: `${img.name} is ${img.size} bytes; ${found.limits.label} allows ${found.limits.media.maxImageBytes}`,
        })),
      ],
    };
  }

  function toggleChannel(id: string) {
    setChannelIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
    if (tab === id) setTab('shared');
  }

  async function addImages(files: FileList | null) {
    setImageError(undefined);
    if (!files) return;
    const list = [...files];
    const tooBig = list.find((f) => f.size > MAX_IMAGE_BYTES);
    if (tooBig) setImageError(t('publish.composer.imageTooLarge', { name: tooBig.name }));
    const read = await Promise.all(list.filter((f) => f.size <= MAX_IMAGE_BYTES).map(readImage));
    setImages((prev) => [...prev, ...read].slice(0, Math.max(0, 4 - kept.length)));
  }

  function customise(id: string) {
    const parts = previewFor(id)?.variant.parts.map((p) => p.text) ?? [text];
    setVariants((v) => ({ ...v, [id]: parts.length ? parts : [''] }));
  }

  function resetVariant(id: string) {
    setVariants((v) => {
      const { [id]: _, ...rest } = v;
      return rest;
    });
  }

  function scheduleFields(): { scheduledAt?: string; slot?: 'next' } {
    if (when === 'at' && date && time)
      return { scheduledAt: fromWallTime(date, time, orgZone).toISOString() };
    if (when === 'slot') return { slot: 'next' };
    // A post that had a time and is now to go out at once gets "now" as its time.
    if (post?.scheduledAt) return { scheduledAt: new Date().toISOString() };
    return {};
  }

  async function save(intent: 'draft' | 'submit') {
    setBusy(intent);
    saving.current = true;
    setError(undefined);
    setServerProblems(undefined);
    setBlockedHits(undefined);
    const body = {
      text,
      thread,
      channelIds,
      variants: variantList,
      writtenBy,
      // Images are sent when they changed: an unchanged set is not a content change (which takes approval back).
      ...(!post
        ? { images: imagePayload }
        : images.length > 0 ||
            kept.length !== (post.media?.length ?? 0) ||
            kept.some((k) => post.media?.find((m) => m.id === k.mediaId)?.alt !== k.alt)
          ? { images: [...kept, ...imagePayload] }
          : {}),
      ...scheduleFields(),
    };
    try {
      let saved: Post;
      if (post) {
        saved = await api.patch<Post>(`/api/posts/${encodeURIComponent(post.id)}`, body);
        const state = saved.state ?? post.state;
        if (intent === 'submit' && (state === 'draft' || state === 'changes_requested'))
          saved = await api.post<Post>(`/api/posts/${encodeURIComponent(post.id)}/submit`, {});
      } else {
        saved = await api.post<Post>('/api/posts', { ...body, intent });
      }
      navigate(`/publish/posts/${encodeURIComponent(saved.id)}`, {
        state: { notice: intent === 'draft' ? 'draftSaved' : 'submitted' },
      });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.code === 'post_has_problems') {
        const raw = err.details.channels;
        if (raw && typeof raw === 'object') setServerProblems(raw as Record<string, { message: string }[]>);
      }
      if (err instanceof ApiError && err.code === 'guideline_blocked' && Array.isArray(err.details.hits))
        setBlockedHits(err.details.hits as GuidelineHit[]);
    } finally {
      saving.current = false;
      setBusy(undefined);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(submitIntent.current);
    submitIntent.current = 'submit';
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submitIntent.current = 'submit';
      formRef.current?.requestSubmit();
    }
  }

  const hits = blockedHits ?? preview?.guidelineHits ?? post?.guidelineHits ?? [];
  const guidelineBlock = hits.some((h) => h.severity === 'block');
  const blocking =
    (preview?.channels ?? []).some((p) => (previewFor(p.channelId)?.problems.length ?? 0) > 0) ||
    guidelineBlock;
  const primaryLabel = settings.requireApproval
    ? t('publish.composer.submitForApproval')
    : when === 'now'
      ? t('publish.composer.publishNow')
      : when === 'slot'
        ? t('publish.composer.addToQueue')
        : t('publish.composer.schedule');
  const today = wallTime(new Date(), orgZone).date;

  return (
    <form
      ref={formRef}
      className="composer"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      data-testid="composer"
      noValidate
    >
      <div className="composer__edit">
        <ChannelPicker channels={channels} selected={channelIds} onToggle={toggleChannel} />

        <div className="composer__tabs" role="tablist" aria-label={t('publish.composer.variantsLabel')}>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'shared'}
            className={`pub-tab${tab === 'shared' ? ' pub-tab--active' : ''}`}
            onClick={() => setTab('shared')}
            data-testid="composer-tab-shared"
          >
            {t('publish.composer.sharedTab')}
          </button>
          {selected.map((c) => (
            <button
              key={c.id}
              type="button"
              role="tab"
              aria-selected={tab === c.id}
              className={`pub-tab${tab === c.id ? ' pub-tab--active' : ''}`}
              onClick={() => setTab(c.id)}
              data-testid={`composer-tab-${c.id}`}
            >
              <NetworkIcon network={c.network} size={14} /> {c.handle}
              {variants[c.id] && <span className="pub-tab__dot" title={t('publish.composer.customised')} />}
            </button>
          ))}
        </div>

        {tab === 'shared' || !selected.some((c) => c.id === tab) ? (
          <div className="field">
            <label className="visually-hidden" htmlFor="composer-text">
              {t('publish.composer.text')}
            </label>
            <textarea
              id="composer-text"
              className="composer__text"
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={8}
              placeholder={t('publish.composer.placeholder')}
              data-testid="composer-text"
              // biome-ignore lint/a11y/noAutofocus: the composer opens to write
              autoFocus
            />
            <p className="field__hint">{t('publish.composer.shortcut')}</p>
          </div>
        ) : (
          <VariantEditor
            channel={selected.find((c) => c.id === tab)!}
            parts={variants[tab]}
            onCustomise={() => customise(tab)}
            onReset={() => resetVariant(tab)}
            onChange={(parts) => setVariants((v) => ({ ...v, [tab]: parts }))}
          />
        )}

        <label className="check">
          <input
            type="checkbox"
            checked={thread}
            onChange={(e) => setThread(e.target.checked)}
            data-testid="composer-thread"
          />
          <span>
            {t('publish.composer.thread')}
            <span className="muted small"> — {t('publish.composer.threadHint')}</span>
          </span>
        </label>

        <fieldset className="composer__images">
          <legend className="field__label">{t('publish.composer.images')}</legend>
          {kept.map((k, i) => (
            <div key={k.mediaId} className="image-row" data-testid={`composer-kept-image-${i}`}>
              <span className="image-row__thumb image-row__thumb--stored" aria-hidden="true">
                🖼
              </span>
              <div className={`field image-row__alt${k.alt.trim() ? '' : ' field--invalid'}`}>
                <label className="field__label" htmlFor={`kept-alt-${k.mediaId}`}>
                  {t('publish.composer.keptAltLabel', { n: i + 1 })}
                </label>
                <textarea
                  id={`kept-alt-${k.mediaId}`}
                  rows={2}
                  value={k.alt}
                  onChange={(e) =>
                    setKept((list) =>
                      list.map((x) => (x.mediaId === k.mediaId ? { ...x, alt: e.target.value } : x)),
                    )
                  }
                  data-testid={`composer-kept-image-alt-${i}`}
                  aria-invalid={!k.alt.trim()}
                />
                {!k.alt.trim() && <p className="field__error">{t('publish.composer.altMissing')}</p>}
              </div>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setKept((list) => list.filter((x) => x.mediaId !== k.mediaId))}
              >
                {t('publish.composer.removeImage')}
              </Button>
            </div>
          ))}
          {images.map((img, i) => (
            <div key={img.key} className="image-row" data-testid={`composer-image-${i}`}>
              <img src={img.url} alt="" className="image-row__thumb" />
              <div className={`field image-row__alt${img.alt.trim() ? '' : ' field--invalid'}`}>
                <label className="field__label" htmlFor={`alt-${img.key}`}>
                  {t('publish.composer.altLabel', { name: img.name })}
                </label>
                <textarea
                  id={`alt-${img.key}`}
                  rows={2}
                  value={img.alt}
                  onChange={(e) =>
                    setImages((list) =>
                      list.map((x) => (x.key === img.key ? { ...x, alt: e.target.value } : x)),
                    )
                  }
                  data-testid={`composer-image-alt-${i}`}
                  aria-invalid={!img.alt.trim()}
                />
                {!img.alt.trim() && (
                  <p className="field__error" data-testid={`composer-image-alt-missing-${i}`}>
                    {t('publish.composer.altMissing')}
                  </p>
                )}
              </div>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setImages((list) => list.filter((x) => x.key !== img.key))}
              >
                {t('publish.composer.removeImage')}
              </Button>
            </div>
          ))}
          {images.length + kept.length < 4 && (
            <label className="file-button">
              <input
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp"
                multiple
                onChange={(e) => {
                  void addImages(e.target.files);
                  e.target.value = '';
                }}
                data-testid="composer-image-input"
              />
              <span className="btn btn--secondary btn--sm">{t('publish.composer.addImage')}</span>
            </label>
          )}
          {imageError && <p className="field__error">{imageError}</p>}
        </fieldset>

        <div className="field">
          <label className="field__label" htmlFor="composer-written-by">
            {t('publish.composer.writtenBy')}
          </label>
          <select
            id="composer-written-by"
            value={writtenBy}
            onChange={(e) => setWrittenBy(e.target.value)}
            data-testid="composer-written-by"
          >
            {members.length === 0 && <option value={userId}>{t('publish.composer.me')}</option>}
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.userId === userId ? t('publish.composer.meNamed', { name: m.name }) : m.name}
              </option>
            ))}
          </select>
          <p className="field__hint">{t('publish.composer.writtenByHint')}</p>
        </div>

        <fieldset className="composer__when">
          <legend className="field__label">{t('publish.schedule.when')}</legend>
          <div className="segmented" role="radiogroup">
            {(['now', 'at', 'slot'] as const).map((w) => (
              <label key={w} className={`segmented__option${when === w ? ' segmented__option--on' : ''}`}>
                <input
                  type="radio"
                  name="when"
                  value={w}
                  checked={when === w}
                  onChange={() => setWhen(w)}
                  data-testid={`composer-when-${w}`}
                />
                {t(`publish.schedule.${w}`)}
              </label>
            ))}
          </div>
          {when === 'at' && (
            <ZonedDateTime
              date={date}
              time={time}
              idPrefix="composer"
              onChange={(d, tm) => {
                setDate(d);
                setTime(tm);
              }}
            />
          )}
          {when === 'at' && date && date < today && (
            <p className="field__error">{t('publish.schedule.inPast')}</p>
          )}
          {when === 'slot' && <NextSlots channelIds={channelIds} />}
          {when === 'at' && (
            <p className="muted small">
              <button type="button" className="link-button" onClick={() => setDate(addDays(today, 1))}>
                {t('publish.schedule.tomorrow')}
              </button>
            </p>
          )}
        </fieldset>

        {settings.requireApproval && (
          <Notice testId="composer-approval-note">{t('publish.composer.approvalRequired')}</Notice>
        )}
        {missingAlt && (
          <Notice tone="error" testId="composer-alt-warning">
            {t('publish.composer.altBlocking')}
          </Notice>
        )}
        {error !== undefined && (
          <Notice tone="error" testId="composer-error">
            {errorText(t, error)}
            {serverProblems && (
              <ul>
                {Object.entries(serverProblems).map(([id, list]) => (
                  <li key={id}>
                    {channels.find((c) => c.id === id)?.handle ?? id}: {list.map((p) => p.message).join('; ')}
                  </li>
                ))}
              </ul>
            )}
          </Notice>
        )}
        <div className="composer__actions">
          <Button
            type="submit"
            onClick={() => {
              submitIntent.current = 'draft';
            }}
            busy={busy === 'draft'}
            disabled={busy !== undefined || channelIds.length === 0}
            data-testid="composer-save-draft"
          >
            {t('publish.composer.saveDraft')}
          </Button>
          <Button
            type="submit"
            variant="primary"
            onClick={() => {
              submitIntent.current = 'submit';
            }}
            busy={busy === 'submit'}
            disabled={busy !== undefined || channelIds.length === 0 || blocking || missingAlt}
            data-testid="composer-submit"
          >
            {primaryLabel}
          </Button>
          {blocking && (
            <span className="muted small" data-testid="composer-blocked">
              {guidelineBlock ? t('publish.composer.guidelineBlocks') : t('publish.composer.fixProblems')}
            </span>
          )}
        </div>
      </div>

      <aside className="composer__preview" aria-label={t('publish.preview.title')}>
        <h2 className="composer__preview-title">{t('publish.preview.title')}</h2>
        {selected.length === 0 && <p className="muted">{t('publish.preview.pickChannel')}</p>}
        {previewError !== undefined && <Notice tone="error">{errorText(t, previewError)}</Notice>}
        {selected.map((c) => {
          const owner = members.find((m) => m.userId === c.ownerUserId);
          return (
            <ChannelPreviewCard
              key={c.id}
              channel={c}
              preview={previewFor(c.id)}
              authorship={authorshipFor(c, writtenBy)}
              ownerName={owner?.name}
              writerName={writerName}
              images={images.map((img) => ({ url: img.url, alt: img.alt }))}
              edited={Boolean(variants[c.id])}
            />
          );
        })}
        <GuidelineHits hits={hits} />
      </aside>
    </form>
  );
}

function VariantEditor({
  channel,
  parts,
  onCustomise,
  onReset,
  onChange,
}: {
  channel: PublishChannel;
  parts: string[] | undefined;
  onCustomise: () => void;
  onReset: () => void;
  onChange: (parts: string[]) => void;
}) {
  const { t } = useTranslation();
  if (!parts)
    return (
      <div className="variant-empty" data-testid={`variant-${channel.id}`}>
        <p className="muted">{t('publish.composer.usesShared', { network: channel.networkLabel })}</p>
        <Button size="sm" onClick={onCustomise} data-testid={`variant-customise-${channel.id}`}>
          {t('publish.composer.customise', { network: channel.networkLabel })}
        </Button>
      </div>
    );
  const threads = channel.limits?.threads.supported ?? false;
  return (
    <div className="variant" data-testid={`variant-${channel.id}`}>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
        <div key={i} className="field">
          <label className="field__label" htmlFor={`variant-${channel.id}-${i}`}>
            {parts.length > 1
              ? t('publish.composer.part', { n: i + 1, total: parts.length })
              : t('publish.composer.variantText', { network: channel.networkLabel })}
          </label>
          <textarea
            id={`variant-${channel.id}-${i}`}
            className="composer__text"
            rows={parts.length > 1 ? 4 : 8}
            value={part}
            onChange={(e) => onChange(parts.map((p, j) => (j === i ? e.target.value : p)))}
            data-testid={`variant-text-${channel.id}-${i}`}
          />
          {parts.length > 1 && (
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(parts.filter((_, j) => j !== i))}
            >
              {t('publish.composer.removePart')}
            </button>
          )}
        </div>
      ))}
      <div className="variant__actions">
        {threads && (
          <Button size="sm" onClick={() => onChange([...parts, ''])}>
            {t('publish.composer.addPart')}
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={onReset} data-testid={`variant-reset-${channel.id}`}>
          {t('publish.composer.resetVariant')}
        </Button>
      </div>
    </div>
  );
}

/** Where "next free slot" would put the post on each channel (from the channel's queue slots). */
function NextSlots({ channelIds }: { channelIds: string[] }) {
  const { t } = useTranslation();
  const { channels } = usePublish();
  const [slots, setSlots] = useState<Record<string, string | null>>({});
  const key = channelIds.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the joined key stands for the list
  useEffect(() => {
    const controller = new AbortController();
    void Promise.all(
      channelIds.map(async (id) => {
        try {
          const res = await api.get<{ at: string | null }>(
            `/api/channels/${encodeURIComponent(id)}/next-slot`,
            { signal: controller.signal },
          );
          return [id, res.at] as const;
        } catch {
          return [id, null] as const;
        }
      }),
    ).then((entries) => {
      if (!controller.signal.aborted) setSlots(Object.fromEntries(entries));
    });
    return () => controller.abort();
  }, [key]);
  const { i18n } = useTranslation();
  const { orgZone } = usePublish();
  const fmt = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'short',
    dateStyle: undefined,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: orgZone,
  });
  if (channelIds.length === 0) return null;
  return (
    <ul className="next-slots" data-testid="composer-next-slots">
      {channelIds.map((id) => {
        const c = channels.find((x) => x.id === id);
        const at = slots[id];
        return (
          <li key={id}>
            {c && <NetworkIcon network={c.network} size={14} />} {c?.handle}:{' '}
            {at ? (
              <strong>{fmt.format(new Date(at))}</strong>
            ) : at === null ? (
              <span className="muted">
                {t('publish.schedule.noSlots')}{' '}
                <Link to="/publish/slots">{t('publish.schedule.setSlots')}</Link>
              </span>
            ) : (
              <span className="muted">…</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
