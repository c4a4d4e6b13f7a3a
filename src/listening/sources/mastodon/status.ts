// A Mastodon status (as masto types it, camelCase) turned into a SourcePost: HTML to text, links without the
// mention and hashtag links Mastodon puts in the HTML, tags, mentions as user@host. A reblog (boost) is two posts:
// the original status, and the boost itself as a repost by the booster (so boosts count, as retweets do). Note:
// Mastodon itself leaves boosts out of its public and hashtag timelines and streams; home, list and account
// timelines carry them.
import { decodeHTML } from 'entities';
import type { mastodon } from 'masto';
import type { SourcePost } from '../bluesky/sink.ts';
import { absoluteHttpUrl, htmlToText } from '../rss/html-text.ts';

export type ReblogPolicy = 'skip' | 'original';

const ANCHOR = /<a\b([^>]*)>/gi;
const ATTR = (name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');

/** Links in status HTML, without Mastodon's own mention (class "mention") and hashtag links. */
export function statusLinks(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(ANCHOR)) {
    const attrs = m[1] ?? '';
    const cls = ATTR('class').exec(attrs);
    const rel = ATTR('rel').exec(attrs);
    const classes = (cls?.[1] ?? cls?.[2] ?? cls?.[3] ?? '').split(/\s+/);
    if (classes.includes('mention') || classes.includes('hashtag')) continue;
    if ((rel?.[1] ?? rel?.[2] ?? rel?.[3] ?? '').split(/\s+/).includes('tag')) continue;
    const href = ATTR('href').exec(attrs);
    const url = absoluteHttpUrl(decodeHTML(href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim(), null);
    if (url) out.push(url);
  }
  return out;
}

/** user@host for an account: local accounts' acct has no host, their profile URL does. */
export function fullAcct(acct: string, profileUrl: string | null | undefined): string {
  if (acct.includes('@')) return acct.toLowerCase();
  try {
    return `${acct}@${new URL(profileUrl ?? '').host}`.toLowerCase();
  } catch {
    return acct.toLowerCase();
  }
}

/**
 * A status's address on the instance it was read through (`https://instance/api/v1/statuses/<id>`). Replies name
 * their parent only by that instance-local id, so this is how a reply and its parent meet (for stories and for
 * influence: who replies to whom).
 */
export function statusAddress(instance: string, id: string): string | null {
  try {
    return new URL(`/api/v1/statuses/${encodeURIComponent(id)}`, instance).toString();
  } catch {
    return null;
  }
}

/**
 * A status as one post: a reblog as its original status (null when reblogs are skipped); statusPosts gives the
 * boost as well. `instance` is the instance it was read through (e.g. https://mastodon.social): with it, the
 * post carries its local address and the one it replies to.
 */
export function normaliseStatus(
  status: mastodon.v1.Status,
  reblogs: ReblogPolicy = 'original',
  instance?: string,
): SourcePost | null {
  if (status.reblog) return reblogs === 'skip' ? null : normaliseStatus(status.reblog, 'skip', instance);
  const local = instance ? statusAddress(instance, status.id) : null;
  const parent = instance && status.inReplyToId ? statusAddress(instance, status.inReplyToId) : null;
  const body = htmlToText(status.content ?? '');
  const warning = status.spoilerText?.trim();
  const text = warning ? `${warning}\n\n${body}` : body;
  const links = statusLinks(status.content ?? '');
  if (status.card?.url) links.push(status.card.url);
  const lang = status.language?.trim().toLowerCase();
  return {
    source: 'mastodon',
    // The ActivityPub id is the same whichever instance we read the status through.
    id: status.uri,
    externalId: status.uri,
    text,
    ...authorOf(status.account),
    ...(lang ? { lang } : {}),
    langs: lang ? [lang] : [],
    url: status.url ?? status.uri,
    links: [...new Set(links)],
    mentions: [...new Set(status.mentions.map((m) => fullAcct(m.acct, m.url)))],
    hashtags: [...new Set(status.tags.map((t) => t.name))],
    publishedAt: new Date(status.createdAt),
    ...(local && { aliases: [local] }),
    ...(parent && { replyTo: parent }),
  };
}

function authorOf(account: mastodon.v1.Account): Pick<SourcePost, 'author' | 'authorDisplay'> {
  return {
    author: fullAcct(account.acct, account.url),
    authorDisplay: account.displayName?.trim() || account.username,
  };
}

/** A status's posts, paired with the id of the status each came from (a delete event names that id). */
export interface StatusPost {
  statusId: string;
  post: SourcePost;
}

/**
 * The posts a status stands for. A plain status is one post. A reblog (boost), unless reblogs are skipped, is
 * two: the original status (as normaliseStatus gives it, so it is stored once however often it is boosted) and
 * the boost as a post of its own by the booster — the original's text (monitors match it as they would the
 * original), the boost's own URI, address and time, and `repostOf` naming the original by its URI, which is
 * the same on every instance (the original's local address is among its own aliases).
 */
export function statusPosts(
  status: mastodon.v1.Status,
  reblogs: ReblogPolicy = 'original',
  instance?: string,
): StatusPost[] {
  const original = status.reblog;
  if (!original) {
    const post = normaliseStatus(status, reblogs, instance);
    return post ? [{ statusId: status.id, post }] : [];
  }
  if (reblogs === 'skip') return [];
  const post = normaliseStatus(original, 'skip', instance);
  if (!post) return [];
  const local = instance ? statusAddress(instance, status.id) : null;
  const { aliases: _aliases, replyTo: _replyTo, ...content } = post;
  const repost: SourcePost = {
    ...content,
    id: status.uri,
    externalId: status.uri,
    ...authorOf(status.account),
    url: status.url ?? status.uri,
    publishedAt: new Date(status.createdAt),
    repostOf: post.externalId,
    ...(local && { aliases: [local] }),
  };
  return [
    { statusId: original.id, post },
    { statusId: status.id, post: repost },
  ];
}

/** Mastodon speaks snake_case; masto's types are camelCase. */
export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
        camelKeys(v),
      ]),
    );
  }
  return value;
}

/** Compares two status ids (snowflakes as decimal strings). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
