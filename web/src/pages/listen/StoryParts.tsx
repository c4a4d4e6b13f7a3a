// Pieces shared by the Stories and Author views: their API shapes, the sentiment bar, the author link.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Sentiment } from './types.ts';

export type SentimentMix = Record<Sentiment, number>;

export interface StorySummary {
  id: string;
  title: string;
  size: number;
  firstAt: string;
  lastAt: string;
  sources: string[];
  languages: string[];
  sentiment: SentimentMix;
}

export interface StoryPost {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  authorId: string | null;
  lang: string;
  sentiment: Sentiment;
  sentimentSetBy: { id: string; name: string } | null;
  sentimentSetAt: string | null;
  at: string;
  central: boolean;
}

export interface StoryDetailData extends StorySummary {
  posts: StoryPost[];
  bySource: { source: string; count: number }[];
  byLanguage: { lang: string; count: number }[];
  bucket: 'hour' | 'day';
  series: ({ start: string } & SentimentMix)[];
}

export const PART_KEYS = [
  'replies',
  'quotes',
  'reposts',
  'links',
  'mentionedBy',
  'monitors',
  'activity',
  'followers',
] as const;
export type PartKey = (typeof PART_KEYS)[number];

export interface AuthorSummary {
  id: string;
  source: string;
  handle: string;
  display: string;
  followers: number | null;
  score: number;
  engagers: number;
  mentionCount: number;
  monitorCount: number;
  parts: { key: PartKey; count: number; points: number }[];
  lastAt: string;
  computedAt: string | null;
}

export interface AuthorDetailData extends AuthorSummary {
  engagedBy: { id: string; display: string; source: string; kinds: string[] }[];
  monitors: { id: string; name: string; count: number }[];
  mentions: {
    id: string;
    source: string;
    url: string | null;
    title: string | null;
    text: string;
    lang: string;
    sentiment: Sentiment;
    at: string;
    storyId: string;
  }[];
}

/** Positive, neutral and negative shares as one bar, with the counts in its label. */
export function SentimentBar({ mix }: { mix: SentimentMix }) {
  const { t } = useTranslation();
  const total = mix.positive + mix.neutral + mix.negative;
  const label = (['positive', 'neutral', 'negative'] as const)
    .map((s) => `${t(`listen.sentiment.${s}`)}: ${mix[s]}`)
    .join(', ');
  return (
    <span className="sentiment-bar" role="img" aria-label={label} title={label} data-testid="sentiment-bar">
      {total > 0 &&
        (['positive', 'neutral', 'negative'] as const).map((s) =>
          mix[s] > 0 ? (
            <span
              key={s}
              className={`sentiment-bar__part sentiment-bar__part--${s}`}
              style={{ width: `${(100 * mix[s]) / total}%` }}
            />
          ) : null,
        )}
    </span>
  );
}

/** The author of a mention, linking to their Author view. */
export function AuthorLink({ source, author }: { source: string; author: string }) {
  return (
    <Link
      className="mention__author author-link"
      to={`/listen/authors/by/${source}/${encodeURIComponent(author)}`}
      data-testid="author-link"
    >
      {author}
    </Link>
  );
}
