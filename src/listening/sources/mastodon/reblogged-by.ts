// Who boosted the Mastodon statuses the organisations stored. Mastodon leaves boosts out of the public and hashtag
// timelines and streams that Stemme reads, so they are asked for per status: GET /api/v1/statuses/:id/reblogged_by
// on the instance the status was read through (its address there is among the mention's own addresses, kept as a
// 'self' reference by the stories step). Each booster becomes a repost (../reposts.ts) for every organisation that
// stored the status: the booster's own mention with the original's text, in its story, and a repost edge for the
// original's author in influence. It is keyed `<status URI>#reblogged_by/<user@host>`, so a later look finds it
// already stored. Mastodon does not say when an account boosted: the repost is dated when Stemme first saw it.
import { sql } from 'drizzle-orm';
import type { mastodon } from 'masto';
import { type Db, queryRows } from '../../../db/connect.ts';
import { safeRequest } from '../../../security/ssrf.ts';
import { ingest } from '../../pipeline.ts';
import { refKey } from '../../stories/signature.ts';
import type { UrlPolicy } from '../bluesky/guard.ts';
import type { SourceRepost } from '../bluesky/sink.ts';
import { repostsOfStored } from '../reposts.ts';
import { readLimited } from '../rss/body.ts';
import { camelKeys, fullAcct, statusAddress } from './status.ts';
import { MastodonApiError } from './timeline.ts';

/** Statuses this recent are looked at: most boosts come within a day or two. */
export const BOOSTS_WITHIN_MS = 48 * 3_600_000;
/** Statuses looked at per instance and run, newest first (one request each; Mastodon allows 300 per 5 minutes). */
export const BOOSTS_MAX_STATUSES = 60;
/** Accounts per request: Mastodon's maximum for this list. */
const PAGE = 80;
const MAX_BODY = 4 * 1024 * 1024;

export interface BoostLookOptions extends UrlPolicy {
  db: Db;
  /** The instance the statuses were read through, e.g. https://mastodon.social. */
  instance: string;
  now?: Date;
  withinMs?: number;
  maxStatuses?: number;
  signal?: AbortSignal;
}

export interface BoostLookResult {
  /** Statuses asked about. */
  statuses: number;
  /** Boosting accounts the instance named. */
  boosts: number;
  /** Reposts stored now (new ones, summed over the organisations). */
  stored: number;
  /** Statuses the instance would not answer for (other than deleted ones). */
  failed: number;
}

interface Candidate {
  uri: string;
  localId: string;
  at: number;
  orgs: Set<string>;
}

/** The organisations' recent stored statuses read through `instance`, newest first, with who stored each. */
async function candidates(db: Db, instance: string, since: Date, max: number): Promise<Candidate[]> {
  const example = statusAddress(instance, '0');
  const key = example ? refKey(example) : null;
  if (!key?.endsWith('/0')) return [];
  const prefix = key.slice(0, -1);
  const byStatus = new Map<string, Candidate>();
  const orgs = await queryRows<{ org_id: string }>(
    db,
    sql`select distinct org_id from monitors where active and (cardinality(sources) = 0 or 'mastodon' = any(sources))`,
  );
  for (const { org_id: orgId } of orgs) {
    const rows = await queryRows<{ external_id: string; target: string; at: Date | string }>(
      db,
      sql`select m.external_id, r.target, m.at from mentions m
        join mention_refs r on r.mention_id = m.id and r.kind = 'self'
        where m.org_id = ${orgId} and m.source = 'mastodon' and m.at >= ${since.toISOString()}::timestamptz
          and left(r.target, ${prefix.length}) = ${prefix}
          and not exists (select 1 from mention_refs x where x.mention_id = m.id and x.kind = 'repost')
        order by m.at desc limit ${max}`,
    );
    for (const r of rows) {
      const localId = decodeURIComponent(r.target.slice(prefix.length));
      if (!/^[0-9A-Za-z_-]+$/.test(localId)) continue;
      const c = byStatus.get(localId);
      if (c) c.orgs.add(orgId);
      else
        byStatus.set(localId, {
          uri: r.external_id,
          localId,
          at: new Date(r.at).getTime(),
          orgs: new Set([orgId]),
        });
    }
  }
  return [...byStatus.values()].sort((a, b) => b.at - a.at).slice(0, max);
}

/** The accounts that boosted a status (null when the instance no longer has it). */
async function rebloggedBy(opts: BoostLookOptions, localId: string): Promise<mastodon.v1.Account[] | null> {
  const url = new URL(
    `${opts.instance.replace(/\/+$/, '')}/api/v1/statuses/${encodeURIComponent(localId)}/reblogged_by?limit=${PAGE}`,
  );
  const res = await safeRequest(url, {
    headers: { accept: 'application/json', 'user-agent': 'Stemme listening' },
    maxRedirects: 3,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.allowPrivate ? { allowPrivate: true } : {}),
    ...(opts.allowedAddresses ? { allowedAddresses: opts.allowedAddresses } : {}),
  });
  const body = new TextDecoder().decode(await readLimited(res.body, MAX_BODY));
  if (res.status === 404) return null;
  if (res.status !== 200) throw new MastodonApiError(res.status, `${url.host} answered HTTP ${res.status}`);
  const data = JSON.parse(body) as unknown;
  if (!Array.isArray(data))
    throw new MastodonApiError(res.status, `${url.host} did not answer a list of accounts`);
  return camelKeys(data) as mastodon.v1.Account[];
}

/** Looks up who boosted the recent statuses read through one instance, and stores them as reposts. */
export async function lookForBoosts(opts: BoostLookOptions): Promise<BoostLookResult> {
  const now = opts.now ?? new Date();
  const result: BoostLookResult = { statuses: 0, boosts: 0, stored: 0, failed: 0 };
  const list = await candidates(
    opts.db,
    opts.instance,
    new Date(now.getTime() - (opts.withinMs ?? BOOSTS_WITHIN_MS)),
    opts.maxStatuses ?? BOOSTS_MAX_STATUSES,
  );
  for (const c of list) {
    if (opts.signal?.aborted) break;
    let accounts: mastodon.v1.Account[] | null;
    try {
      accounts = await rebloggedBy(opts, c.localId);
    } catch (err) {
      // A rate limit stops this run (the next one starts over); anything else skips this status.
      result.failed++;
      if (err instanceof MastodonApiError && err.status === 429) break;
      continue;
    }
    result.statuses++;
    if (!accounts?.length) continue;
    const reposts: SourceRepost[] = [];
    const seen = new Set<string>();
    for (const a of accounts) {
      if (typeof a?.acct !== 'string' || !a.acct) continue;
      const by = fullAcct(a.acct, a.url);
      if (seen.has(by)) continue;
      seen.add(by);
      reposts.push({
        source: 'mastodon',
        externalId: `${c.uri}#reblogged_by/${by}`,
        by,
        subject: c.uri,
        at: now,
      });
    }
    result.boosts += reposts.length;
    const byOrg = await repostsOfStored(opts.db, [...c.orgs], reposts);
    for (const [orgId, posts] of byOrg)
      result.stored += (await ingest(opts.db, orgId, posts, { now })).stored;
  }
  return result;
}
