// Shapes of the listening API as the Listen area reads them.
export const SOURCES = ['rss', 'bluesky', 'mastodon'] as const;
export type Source = (typeof SOURCES)[number];
export const SENTIMENTS = ['positive', 'negative', 'neutral'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export const LANGUAGES = ['nb', 'nn', 'da', 'sv', 'de', 'en'] as const;
/** A language the UI names; 'no' is both Norwegian written standards. */
export type Language = (typeof LANGUAGES)[number] | 'no' | 'und';

export interface Monitor {
  id: string;
  name: string;
  query: string;
  sources: Source[];
  languages: string[];
  owner: { id: string; name: string } | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  recentMatches: number;
}

export interface Mention {
  id: string;
  source: Source;
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  lang: string;
  sentiment: Sentiment;
  sentimentScore: number;
  /** Who set the sentiment by hand (null when the lexicon's, or their account is gone). */
  sentimentSetBy?: { id: string; name: string } | null;
  /** When a person set it; null while it is the lexicon's. */
  sentimentSetAt?: string | null;
  at: string;
  monitors: { id: string; name: string }[];
  /** A repost (a Mastodon boost): whose post it reposts, when that post is stored too. */
  repostOf?: { author: string | null; url: string | null } | null;
}

export interface MentionPage {
  mentions: Mention[];
  nextCursor: string | null;
}

export interface Feed {
  id: string;
  url: string;
  title: string | null;
  status: 'waiting' | 'ok' | 'failing';
  lastError: string | null;
  lastErrorKind: string | null;
  consecutiveFailures: number;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
  itemCount: number;
  sameArticleCount: number;
  /** What the poll found, on "poll now"'s answer only. */
  lastPoll?: FeedPoll;
}

/** A poll's outcome: new items, and of them those skipped as an article another feed already stored. */
export interface FeedPoll {
  status: 'ok' | 'not_modified' | 'error';
  newItems: number;
  sameArticle: number;
  stored: number;
}

export type Validation =
  | { ok: true; normalised: string }
  | {
      ok: false;
      error: {
        position: number;
        /** In English; `code` and `params` say it in the user's language (listen.queryErrors). */
        reason: string;
        message: string;
        code: string;
        params: Record<string, string>;
      };
    };

export interface QueryTest {
  matched: number;
  scanned: number;
  /** At least half of a week's stored mentions matched: a very broad query. */
  broad: boolean;
  samples: Mention[];
}

export interface StatsBucket {
  start: string;
  total: number;
  positive: number;
  negative: number;
  neutral: number;
}

export interface MonitorStats {
  bucket: 'hour' | 'day';
  timeZone: string;
  totals: { total: number; positive: number; negative: number; neutral: number };
  series: StatsBucket[];
}
