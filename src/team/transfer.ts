// A whole organisation as one JSON document: `stemme org export` / `stemme org import`.
// Every capability's tenant tables are listed in TENANT_TABLES, so new data is carried without new code.
import { eq, getTableColumns, getTableName, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import {
  guidelineAcks,
  guidelineComments,
  guidelineProposals,
  guidelineRules,
  guidelineVersions,
} from '../guidelines/schema.ts';
import { feedItemsSeen, feeds, mentionMatches, mentions, monitors } from '../listening/schema.ts';
import { authors, mentionRefs, stories, storyMembers } from '../listening/stories/schema.ts';
import {
  alertRules,
  alertWebhooks,
  stormAlerts,
  stormNotices,
  storms,
  webhookDeliveries,
} from '../listening/storms/schema.ts';
import { sandboxAccounts, sandboxPosts } from '../networks/sandbox/schema.ts';
import { notifications } from '../notifications/schema.ts';
import { mastodonAuthorizations, postRevisions } from '../publishing/edit-schema.ts';
import {
  channelSlots,
  channels,
  postComments,
  postMedia,
  posts,
  publishAttempts,
  publishingSettings,
  publishTargets,
} from '../publishing/schema.ts';
import {
  strategyAudiences,
  strategyChannels,
  strategyGoals,
  strategyKpis,
  strategyPlans,
  strategyResponsibilities,
  strategyTopics,
  strategyWatchTerms,
} from '../strategy/schema.ts';
import { trainingDrills, trainingEvents, trainingRuns } from '../training/schema.ts';
import { auditLog, invitations, memberships, orgs, users } from './schema.ts';

interface TenantTable {
  table: PgTable;
  orgColumn: PgColumn;
  /** Columns (by property name) that point at users, remapped when a user already exists under another id. */
  userColumns: string[];
}

/** Rows owned by an organisation, in insertion order (parents first). */
export const TENANT_TABLES: TenantTable[] = [
  { table: memberships, orgColumn: memberships.orgId, userColumns: ['userId'] },
  { table: invitations, orgColumn: invitations.orgId, userColumns: ['invitedBy', 'acceptedBy'] },
  { table: auditLog, orgColumn: auditLog.orgId, userColumns: ['actorId'] },
  { table: strategyPlans, orgColumn: strategyPlans.orgId, userColumns: ['personUserId', 'leaderUserId'] },
  { table: strategyGoals, orgColumn: strategyGoals.orgId, userColumns: [] },
  { table: strategyKpis, orgColumn: strategyKpis.orgId, userColumns: [] },
  { table: strategyAudiences, orgColumn: strategyAudiences.orgId, userColumns: [] },
  { table: strategyChannels, orgColumn: strategyChannels.orgId, userColumns: ['ownerUserId'] },
  { table: strategyTopics, orgColumn: strategyTopics.orgId, userColumns: [] },
  { table: strategyWatchTerms, orgColumn: strategyWatchTerms.orgId, userColumns: [] },
  { table: strategyResponsibilities, orgColumn: strategyResponsibilities.orgId, userColumns: ['userId'] },
  {
    table: guidelineProposals,
    orgColumn: guidelineProposals.orgId,
    userColumns: ['createdBy', 'updatedBy'],
  },
  {
    table: guidelineVersions,
    orgColumn: guidelineVersions.orgId,
    userColumns: ['proposedBy', 'publishedBy'],
  },
  { table: guidelineComments, orgColumn: guidelineComments.orgId, userColumns: ['authorId'] },
  { table: guidelineAcks, orgColumn: guidelineAcks.orgId, userColumns: ['userId'] },
  { table: guidelineRules, orgColumn: guidelineRules.orgId, userColumns: ['createdBy'] },
  { table: sandboxAccounts, orgColumn: sandboxAccounts.orgId, userColumns: [] },
  { table: sandboxPosts, orgColumn: sandboxPosts.orgId, userColumns: [] },
  // Training runs keep the sandbox token sealed with this instance's key: elsewhere a run signs in again.
  { table: trainingDrills, orgColumn: trainingDrills.orgId, userColumns: ['createdBy'] },
  { table: trainingRuns, orgColumn: trainingRuns.orgId, userColumns: ['userId'] },
  { table: trainingEvents, orgColumn: trainingEvents.orgId, userColumns: [] },
  // Channel credentials leave sealed with this instance's key: elsewhere they read as "reconnect needed".
  { table: channels, orgColumn: channels.orgId, userColumns: ['ownerUserId', 'connectedBy'] },
  {
    table: posts,
    orgColumn: posts.orgId,
    userColumns: ['writtenBy', 'createdBy', 'approvedBy', 'submittedBy'],
  },
  { table: postMedia, orgColumn: postMedia.orgId, userColumns: [] },
  { table: publishTargets, orgColumn: publishTargets.orgId, userColumns: ['deletedBy'] },
  { table: publishAttempts, orgColumn: publishAttempts.orgId, userColumns: [] },
  { table: publishingSettings, orgColumn: publishingSettings.orgId, userColumns: ['updatedBy'] },
  { table: postComments, orgColumn: postComments.orgId, userColumns: ['authorId'] },
  { table: channelSlots, orgColumn: channelSlots.orgId, userColumns: [] },
  { table: postRevisions, orgColumn: postRevisions.orgId, userColumns: ['editedBy'] },
  // Sealed with this instance's key like channel credentials: elsewhere an unfinished authorization just expires.
  {
    table: mastodonAuthorizations,
    orgColumn: mastodonAuthorizations.orgId,
    userColumns: ['userId', 'ownerUserId'],
  },
  { table: notifications, orgColumn: notifications.orgId, userColumns: ['userId'] },
  { table: monitors, orgColumn: monitors.orgId, userColumns: ['ownerUserId'] },
  { table: feeds, orgColumn: feeds.orgId, userColumns: [] },
  { table: feedItemsSeen, orgColumn: feedItemsSeen.orgId, userColumns: [] },
  { table: mentions, orgColumn: mentions.orgId, userColumns: ['sentimentSetBy'] },
  { table: mentionMatches, orgColumn: mentionMatches.orgId, userColumns: [] },
  { table: stories, orgColumn: stories.orgId, userColumns: [] },
  { table: authors, orgColumn: authors.orgId, userColumns: [] },
  { table: storyMembers, orgColumn: storyMembers.orgId, userColumns: [] },
  { table: mentionRefs, orgColumn: mentionRefs.orgId, userColumns: [] },
  { table: storms, orgColumn: storms.orgId, userColumns: [] },
  { table: stormAlerts, orgColumn: stormAlerts.orgId, userColumns: [] },
  { table: stormNotices, orgColumn: stormNotices.orgId, userColumns: [] },
  { table: alertRules, orgColumn: alertRules.orgId, userColumns: ['updatedBy'] },
  // Webhook secrets leave sealed with this instance's key: elsewhere they must be set again.
  { table: alertWebhooks, orgColumn: alertWebhooks.orgId, userColumns: ['createdBy'] },
  { table: webhookDeliveries, orgColumn: webhookDeliveries.orgId, userColumns: [] },
];

export const EXPORT_FORMAT = 'stemme-org';
export const EXPORT_VERSION = 1;

type Row = Record<string, unknown>;

export interface OrgExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  org: Row;
  users: Row[];
  tables: Record<string, Row[]>;
}

function toJson(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}

/** Turns JSON values back into what the columns take (timestamps become Dates). */
function fromJson(table: PgTable, row: Row): Row {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const out: Row = {};
  for (const [key, column] of Object.entries(columns)) {
    if (!(key in row)) continue;
    const value = row[key];
    out[key] = column.columnType === 'PgTimestamp' && typeof value === 'string' ? new Date(value) : value;
  }
  return out;
}

export async function exportOrg(
  db: Db,
  orgId: string,
  opts: { includeCredentials?: boolean } = {},
): Promise<OrgExport> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new DomainError('not_found', 'org_not_found', `No organisation with id ${orgId}`);
  const tables: Record<string, Row[]> = {};
  const userIds = new Set<string>();
  for (const t of TENANT_TABLES) {
    const rows = (await db.select().from(t.table).where(eq(t.orgColumn, orgId))) as Row[];
    // A stable order, so two exports of the same data are byte-identical.
    rows.sort((a, b) => JSON.stringify(toJson(a)).localeCompare(JSON.stringify(toJson(b))));
    tables[getTableName(t.table)] = rows.map(toJson);
    for (const row of rows)
      for (const c of t.userColumns) if (typeof row[c] === 'string') userIds.add(row[c] as string);
  }
  const people = userIds.size
    ? await db
        .select()
        .from(users)
        .where(inArray(users.id, [...userIds]))
    : [];
  people.sort((a, b) => a.id.localeCompare(b.id));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    org: toJson(org),
    users: people.map(({ failedLogins: _f, lockedUntil: _l, passwordHash, ...u }) =>
      toJson({ ...u, ...(opts.includeCredentials && passwordHash ? { passwordHash } : {}) }),
    ),
    tables,
  };
}

function invalid(message: string): DomainError {
  return new DomainError('invalid', 'invalid_export', message);
}

/** Imports an export into this database. The organisation keeps its id; people are matched by email. */
export async function importOrg(
  db: Db,
  doc: unknown,
): Promise<{ orgId: string; users: number; rows: number }> {
  if (typeof doc !== 'object' || doc === null) throw invalid('not a JSON object');
  const data = doc as Partial<OrgExport>;
  if (data.format !== EXPORT_FORMAT) throw invalid(`format: expected "${EXPORT_FORMAT}"`);
  if (data.version !== EXPORT_VERSION)
    throw invalid(`version: this Stemme reads version ${EXPORT_VERSION}, got ${data.version}`);
  if (!data.org || typeof data.org.id !== 'string') throw invalid('org: missing or without id');
  if (!Array.isArray(data.users) || typeof data.tables !== 'object' || data.tables === null)
    throw invalid('users/tables: missing');
  const org = data.org;
  const people = data.users;
  const tables = data.tables;
  const known = new Set(TENANT_TABLES.map((t) => getTableName(t.table)));
  for (const name of Object.keys(tables))
    if (!known.has(name)) throw invalid(`tables.${name}: unknown table`);

  return db.transaction(async (tx) => {
    const [exists] = await tx
      .select({ id: orgs.id })
      .from(orgs)
      .where(eq(orgs.id, org.id as string));
    if (exists)
      throw new DomainError(
        'conflict',
        'org_exists',
        `An organisation with id ${org.id} already exists here`,
      );
    await tx.insert(orgs).values(fromJson(orgs, org) as typeof orgs.$inferInsert);
    const userIdMap = new Map<string, string>();
    for (const person of people) {
      const email = String(person.email ?? '').toLowerCase();
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email));
      if (existing) {
        userIdMap.set(String(person.id), existing.id);
      } else {
        const [created] = await tx
          .insert(users)
          .values(fromJson(users, person) as typeof users.$inferInsert)
          .returning({ id: users.id });
        userIdMap.set(String(person.id), created!.id);
      }
    }
    let count = 0;
    for (const t of TENANT_TABLES) {
      const rows = tables[getTableName(t.table)] ?? [];
      for (const raw of rows) {
        const row = fromJson(t.table, raw);
        for (const c of t.userColumns)
          if (typeof row[c] === 'string') row[c] = userIdMap.get(row[c] as string) ?? null;
        // Insertion order numbers (story_members.seq) are this database's own: it numbers the rows anew.
        if (t.table === storyMembers) delete row.seq;
        await tx.insert(t.table).values(row);
        count++;
      }
    }
    return { orgId: org.id as string, users: people.length, rows: count };
  });
}
