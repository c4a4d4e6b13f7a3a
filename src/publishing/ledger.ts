// The authorship ledger: everything that went out, on whose account, whose words it was, who approved it. The
// channel's owner against the post's writer tells "written by the leader" (own_words) from "on their behalf".

import { and, desc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { CSV_BOM, csvLine } from '../csv.ts';
import type { DbOrTx } from '../db/connect.ts';
import { users } from '../team/schema.ts';
import { channels, posts, publishTargets } from './schema.ts';

export interface LedgerEntry {
  postId: string;
  targetId: string;
  channel: { id: string; name: string; network: string };
  handle: string;
  text: string;
  writtenBy: { id: string; name: string } | null;
  approvedBy: { id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
  authorship: string;
  status: string;
  publishedAt: Date | null;
  remoteUrl: string | null;
}

export async function ledger(
  db: DbOrTx,
  orgId: string,
  opts: { from?: Date | undefined; to?: Date | undefined; channelId?: string | undefined; limit?: number },
): Promise<LedgerEntry[]> {
  const writer = alias(users, 'writer');
  const approver = alias(users, 'approver');
  const creator = alias(users, 'creator');
  const rows = await db
    .select({
      postId: posts.id,
      targetId: publishTargets.id,
      channelId: channels.id,
      channelName: channels.name,
      network: channels.network,
      handle: channels.handle,
      publishedOnHandle: publishTargets.publishedOnHandle,
      variant: publishTargets.variant,
      writerId: writer.id,
      writerName: writer.name,
      approverId: approver.id,
      approverName: approver.name,
      creatorId: creator.id,
      creatorName: creator.name,
      authorship: publishTargets.authorship,
      status: publishTargets.status,
      publishedAt: publishTargets.publishedAt,
      remoteUrl: publishTargets.remoteUrl,
    })
    .from(publishTargets)
    .innerJoin(posts, eq(posts.id, publishTargets.postId))
    .innerJoin(channels, eq(channels.id, publishTargets.channelId))
    .leftJoin(writer, eq(writer.id, posts.writtenBy))
    .leftJoin(approver, eq(approver.id, posts.approvedBy))
    .leftJoin(creator, eq(creator.id, posts.createdBy))
    .where(
      and(
        eq(publishTargets.orgId, orgId),
        // What went out (and may since have been deleted): the ledger is the record of what was said.
        isNotNull(publishTargets.publishedAt),
        opts.from ? gte(publishTargets.publishedAt, opts.from) : undefined,
        opts.to ? lt(publishTargets.publishedAt, opts.to) : undefined,
        opts.channelId ? eq(publishTargets.channelId, opts.channelId) : undefined,
      ),
    )
    .orderBy(desc(publishTargets.publishedAt))
    .limit(opts.limit ?? 5000);
  const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
  return rows.map((r) => ({
    postId: r.postId,
    targetId: r.targetId,
    channel: { id: r.channelId, name: r.channelName, network: r.network },
    handle: r.publishedOnHandle ?? r.handle,
    text: r.variant.parts[0]?.text ?? '',
    writtenBy: person(r.writerId, r.writerName),
    approvedBy: person(r.approverId, r.approverName),
    createdBy: person(r.creatorId, r.creatorName),
    authorship: r.authorship,
    status: r.status,
    publishedAt: r.publishedAt,
    remoteUrl: r.remoteUrl,
  }));
}

const CSV_COLUMNS = [
  'published_at',
  'channel',
  'network',
  'handle',
  'authorship',
  'written_by',
  'approved_by',
  'created_by',
  'status',
  'url',
  'text',
  'post_id',
] as const;

/** UTF-8 with a byte-order mark, so Excel opens æ, ø and å right; CRLF line ends as RFC 4180 has them. */
export function ledgerCsv(entries: LedgerEntry[]): string {
  const lines = [`${CSV_COLUMNS.join(',')}\r\n`];
  for (const e of entries)
    lines.push(
      csvLine([
        e.publishedAt?.toISOString() ?? '',
        e.channel.name,
        e.channel.network,
        e.handle,
        e.authorship,
        e.writtenBy?.name ?? '',
        e.approvedBy?.name ?? '',
        e.createdBy?.name ?? '',
        e.status,
        e.remoteUrl ?? '',
        e.text,
        e.postId,
      ]),
    );
  return `${CSV_BOM}${lines.join('')}`;
}
