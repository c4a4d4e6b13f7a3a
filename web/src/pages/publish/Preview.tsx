// One channel's live preview: the post as that network will show it, the count against its limit, links,
// mentions and hashtags highlighted where the network makes them rich text, and what keeps it from going out.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { findUrls, measure } from '../../../../src/networks/text.ts';
import { useFormat } from '../../format.ts';
import { AuthorshipBadge, ChannelLabel } from './parts.tsx';
import type { Authorship, ChannelPreview, GuidelineHit, Problem, PublishChannel } from './types.ts';

/** Splits text into plain runs and facets (links, @mentions, #hashtags), in order. */
export function highlightFacets(text: string): ReactNode[] {
  const spans: { start: number; end: number; kind: 'link' | 'mention' | 'tag' }[] = [];
  let from = 0;
  for (const url of findUrls(text)) {
    const start = text.indexOf(url, from);
    if (start < 0) continue;
    spans.push({ start, end: start + url.length, kind: 'link' });
    from = start + url.length;
  }
  const inLink = (i: number) => spans.some((s) => s.kind === 'link' && i >= s.start && i < s.end);
  for (const m of text.matchAll(
    /(^|[\s(])(@[\p{L}\p{N}_.-]*[\p{L}\p{N}_](?:@[\p{L}\p{N}.-]*[\p{L}\p{N}])?)/gu,
  )) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    if (!inLink(start)) spans.push({ start, end: start + (m[2]?.length ?? 0), kind: 'mention' });
  }
  for (const m of text.matchAll(/(^|[\s(])(#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    if (!inLink(start)) spans.push({ start, end: start + (m[2]?.length ?? 0), kind: 'tag' });
  }
  spans.sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) out.push(text.slice(at, s.start));
    out.push(
      <span key={`${s.kind}-${s.start}`} className={`facet facet--${s.kind}`} data-facet={s.kind}>
        {text.slice(s.start, s.end)}
      </span>,
    );
    at = s.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function ProblemText({ problem, preview }: { problem: Problem; preview: ChannelPreview }) {
  const { t } = useTranslation();
  const part = problem.part !== undefined ? preview.variant.parts[problem.part] : preview.variant.parts[0];
  const count = part ? measure(part.text, preview.limits.text) : 0;
  const where = problem.part !== undefined ? t('publish.preview.partPrefix', { n: problem.part + 1 }) : '';
  return (
    <>
      {where}
      {t(`publish.problem.${problem.code}`, {
        network: preview.limits.label,
        n: count,
        max: preview.limits.text.max,
        images: preview.limits.media.maxImages,
        parts: preview.limits.threads.maxParts,
      })}
    </>
  );
}

export function ChannelPreviewCard({
  channel,
  preview,
  authorship,
  ownerName,
  writerName,
  images,
  edited,
}: {
  channel: PublishChannel;
  preview: ChannelPreview | undefined;
  authorship: Authorship;
  ownerName: string | undefined;
  writerName: string;
  images: { url: string; alt: string }[];
  edited: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const over = preview?.problems.some((p) => p.code === 'text_too_long') ?? false;
  return (
    <article
      className={`preview preview--${channel.network}${over ? ' preview--over' : ''}`}
      data-testid={`preview-${channel.id}`}
      data-network={channel.network}
    >
      <header className="preview__head">
        <ChannelLabel channel={channel} />
        <span className="preview__network">{channel.networkLabel}</span>
        {edited && <span className="pub-badge pub-badge--edited">{t('publish.composer.customised')}</span>}
      </header>
      <p className="preview__authorship" data-testid={`preview-authorship-${channel.id}`}>
        <AuthorshipBadge authorship={authorship} />{' '}
        <span className="muted">
          {authorship === 'own_words'
            ? t('publish.composer.ownWords', { name: writerName })
            : authorship === 'on_behalf'
              ? t('publish.composer.onBehalf', { owner: ownerName ?? channel.handle, name: writerName })
              : t('publish.composer.orgAccount', { name: writerName })}
        </span>
      </p>
      {!preview ? (
        <p className="muted small">{t('publish.preview.waiting')}</p>
      ) : (
        <>
          <ol className="preview__parts">
            {preview.variant.parts.map((part, i) => {
              const n = measure(part.text, preview.limits.text);
              const tooLong = n > preview.limits.text.max;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
                <li key={i} className="preview__post">
                  <div className="preview__avatar" aria-hidden="true">
                    {channel.handle.replace(/^@/, '').slice(0, 1).toUpperCase()}
                  </div>
                  <div className="preview__content">
                    <div className="preview__who">
                      <strong>{channel.name || channel.handle}</strong>
                      {channel.name && channel.name !== channel.handle && (
                        <span className="muted"> {channel.handle}</span>
                      )}
                    </div>
                    <div className="preview__text">
                      {preview.limits.facets ? highlightFacets(part.text) : part.text}
                    </div>
                    {i === 0 && part.images > 0 && (
                      <div className="preview__images">
                        {images.slice(0, part.images).map((img, j) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: images are positional
                          <img key={j} src={img.url} alt={img.alt} />
                        ))}
                      </div>
                    )}
                    <div
                      className={`counter${tooLong ? ' counter--over' : ''}`}
                      data-testid={`counter-${channel.id}-${i}`}
                      data-count={n}
                      data-max={preview.limits.text.max}
                    >
                      {t(
                        preview.limits.text.unit === 'graphemes'
                          ? 'publish.preview.countGraphemes'
                          : 'publish.preview.countChars',
                        { max: format.number(preview.limits.text.max), n: format.number(n) },
                      )}
                      {tooLong && (
                        <strong className="counter__over">
                          {' '}
                          {t('publish.preview.over', { n: format.number(n - preview.limits.text.max) })}
                        </strong>
                      )}
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
          {preview.problems.length > 0 ? (
            <ul className="preview__problems" data-testid={`problems-${channel.id}`}>
              {preview.problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id
                <li key={i} data-code={p.code}>
                  <ProblemText problem={p} preview={preview} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="preview__ok" data-testid={`ready-${channel.id}`}>
              {t('publish.preview.ready')}
            </p>
          )}
        </>
      )}
    </article>
  );
}

/** Guideline hits: what in the draft goes against the organisation's guidelines, with the rule's own text. */
export function GuidelineHits({ hits }: { hits: GuidelineHit[] }) {
  const { t } = useTranslation();
  if (hits.length === 0) return null;
  return (
    <section
      className="guideline-hits"
      data-testid="guideline-hits"
      aria-label={t('publish.guidelines.title')}
    >
      <h3 className="guideline-hits__title">{t('publish.guidelines.title')}</h3>
      <ul>
        {hits.map((hit, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: hits have no id
            key={i}
            className={`guideline-hit guideline-hit--${hit.severity}`}
            data-kind={hit.kind}
            data-severity={hit.severity}
          >
            <p>
              <strong>
                {hit.severity === 'block' ? t('publish.guidelines.block') : t('publish.guidelines.warn')}
              </strong>{' '}
              {t(`publish.guidelines.kind.${hit.kind}`, { match: hit.match ?? '', label: hit.source.label })}
              {hit.measured && (
                <span className="muted">
                  {' '}
                  {t('publish.guidelines.measured', { value: hit.measured.value, limit: hit.measured.limit })}
                </span>
              )}
            </p>
            <blockquote className="guideline-hit__source" data-testid="guideline-source">
              <span className="muted">
                {t('publish.guidelines.source', { label: hit.source.label })}
                {hit.source.version !== undefined &&
                  ` (${t('publish.guidelines.version', { n: hit.source.version })})`}
              </span>
              {hit.source.text && (
                <>
                  <br />
                  {hit.source.text}
                </>
              )}
            </blockquote>
            {hit.sectionKey !== undefined && (
              <Link className="small" to={`/guidelines#section-${encodeURIComponent(hit.sectionKey)}`}>
                {t('publish.guidelines.read')}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
