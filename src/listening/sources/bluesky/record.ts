// An app.bsky.feed.post record, as the repo stream, Jetstream or search delivers it, turned into a SourcePost:
// facets give links, mentions and hashtags; embeds give the linked page and the quoted post. An
// app.bsky.feed.repost record becomes a SourceRepost (who reposted which post, when).
import type { ActorInfo } from './actors.ts';
import type { SourcePost, SourceRepost } from './sink.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';
export const REPOST_COLLECTION = 'app.bsky.feed.repost';

/** A raw post before its author is resolved. */
export interface RawPost {
  did: string;
  rkey: string;
  record: unknown;
  /** When the network saw it (firehose event time, Jetstream time_us); used when createdAt is unusable. */
  seenAt: Date;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function postUri(did: string, rkey: string): string {
  return `at://${did}/${POST_COLLECTION}/${rkey}`;
}

export function repostUri(did: string, rkey: string): string {
  return `at://${did}/${REPOST_COLLECTION}/${rkey}`;
}

/** The bsky.app address of a post: by handle when we know it, else by DID (bsky.app accepts both). */
export function postUrl(actor: string, rkey: string): string {
  return `https://bsky.app/profile/${actor}/post/${rkey}`;
}

/** Splits an at:// URI of a post into DID and record key; null for anything else. */
export function parsePostUri(uri: string): { did: string; rkey: string } | null {
  const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(uri);
  return m ? { did: m[1]!, rkey: m[2]! } : null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Facet ranges count UTF-8 bytes, not UTF-16 units. */
function sliceBytes(bytes: Uint8Array, start: unknown, end: unknown): string {
  if (typeof start !== 'number' || typeof end !== 'number' || start < 0 || end > bytes.length || end <= start)
    return '';
  return decoder.decode(bytes.subarray(start, end));
}

function httpUrl(v: unknown): string | undefined {
  const s = str(v);
  return s && /^https?:\/\//i.test(s) ? s : undefined;
}

/** Links from the post's embed: an external card, and the quoted post's bsky.app address. */
function embedLinks(embed: unknown, out: string[]): void {
  if (!isObj(embed)) return;
  const type = str(embed.$type);
  if (type === 'app.bsky.embed.external' && isObj(embed.external)) {
    const u = httpUrl(embed.external.uri);
    if (u) out.push(u);
  } else if (type === 'app.bsky.embed.record' && isObj(embed.record)) {
    const q = parsePostUri(str(embed.record.uri) ?? '');
    if (q) out.push(postUrl(q.did, q.rkey));
  } else if (type === 'app.bsky.embed.recordWithMedia') {
    embedLinks(embed.record, out);
    embedLinks(embed.media, out);
  }
}

function publishedAt(createdAt: unknown, seenAt: Date): Date {
  const d = new Date(str(createdAt) ?? '');
  // createdAt is whatever the client wrote: a date far in the future (or nonsense) falls back to when we saw it.
  if (Number.isNaN(d.getTime()) || d.getTime() > seenAt.getTime() + 10 * 60_000) return seenAt;
  return d;
}

/** Null when the record is not a readable post. */
export function normalisePostRecord(raw: RawPost, actor: ActorInfo | undefined): SourcePost | null {
  const r = raw.record;
  if (!isObj(r)) return null;
  const text = str(r.text) ?? '';
  const bytes = encoder.encode(text);
  const links: string[] = [];
  const mentions: string[] = [];
  const hashtags: string[] = [];
  for (const facet of Array.isArray(r.facets) ? r.facets : []) {
    if (!isObj(facet) || !Array.isArray(facet.features)) continue;
    const index = isObj(facet.index) ? facet.index : {};
    for (const f of facet.features) {
      if (!isObj(f)) continue;
      const type = str(f.$type);
      if (type === 'app.bsky.richtext.facet#link') {
        const u = httpUrl(f.uri);
        if (u) links.push(u);
      } else if (type === 'app.bsky.richtext.facet#mention') {
        const shown = sliceBytes(bytes, index.byteStart, index.byteEnd).replace(/^@/, '').trim();
        const handle = shown || str(f.did);
        if (handle) mentions.push(handle.toLowerCase());
      } else if (type === 'app.bsky.richtext.facet#tag') {
        const tag = str(f.tag)?.replace(/^#/, '');
        if (tag) hashtags.push(tag);
      }
    }
  }
  // Tags the author set outside the text.
  for (const t of Array.isArray(r.tags) ? r.tags : []) {
    const tag = str(t)?.replace(/^#/, '');
    if (tag) hashtags.push(tag);
  }
  embedLinks(r.embed, links);
  const langs = (Array.isArray(r.langs) ? r.langs : []).map(str).filter((l): l is string => !!l);
  const handle = actor?.handle ?? null;
  const uri = postUri(raw.did, raw.rkey);
  return {
    source: 'bluesky',
    id: uri,
    externalId: uri,
    text,
    author: handle ?? raw.did,
    authorDisplay: actor?.displayName ?? handle,
    ...(langs[0] ? { lang: langs[0] } : {}),
    langs,
    url: postUrl(handle ?? raw.did, raw.rkey),
    links: [...new Set(links)],
    mentions: [...new Set(mentions)],
    hashtags: [...new Set(hashtags)],
    publishedAt: publishedAt(r.createdAt, raw.seenAt),
    // What it answers or quotes (at:// URIs): stories and influence count engagement from these.
    replyTo: isObj(r.reply) && isObj(r.reply.parent) ? (str(r.reply.parent.uri) ?? null) : null,
    quoteOf: quotedUri(r.embed),
  };
}

/** Null when the record is not a repost of a post ({ subject: { uri, cid }, createdAt }). */
export function normaliseRepostRecord(raw: RawPost, actor: ActorInfo | undefined): SourceRepost | null {
  const r = raw.record;
  if (!isObj(r) || !isObj(r.subject)) return null;
  const subject = str(r.subject.uri) ?? '';
  if (!parsePostUri(subject)) return null;
  return {
    source: 'bluesky',
    externalId: repostUri(raw.did, raw.rkey),
    by: actor?.handle ?? raw.did,
    subject,
    at: publishedAt(r.createdAt, raw.seenAt),
  };
}

/** The at:// URI of the post a record quotes, directly or beside media. */
function quotedUri(embed: unknown): string | null {
  if (!isObj(embed)) return null;
  const type = str(embed.$type);
  if (type === 'app.bsky.embed.record' && isObj(embed.record)) {
    const uri = str(embed.record.uri) ?? '';
    return parsePostUri(uri) ? uri : null;
  }
  if (type === 'app.bsky.embed.recordWithMedia') return quotedUri(embed.record);
  return null;
}
