// Guidelines written together: proposals any writer can make and every member can comment on, versions an admin
// publishes from a proposal (with the diff to the version before), and who has acknowledged the current one.
import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { listMembers } from '../team/members.ts';
import { type Locale, orgs, users } from '../team/schema.ts';
import type { ProposalCreate, ProposalPatch } from './input.ts';
import {
  type GuidelineSection,
  guidelineAcks,
  guidelineComments,
  guidelineProposals,
  guidelineVersions,
} from './schema.ts';
import { FIRST_PROPOSAL_TITLE, guidelineTemplate } from './templates.ts';
import { type DiffLine, diffLines, sectionsToText } from './text.ts';

export type VersionRow = typeof guidelineVersions.$inferSelect;
export type ProposalRow = typeof guidelineProposals.$inferSelect;

export interface VersionView {
  number: number;
  sections: GuidelineSection[];
  summary: string;
  publishedAt: Date;
  publishedBy: string | null;
  proposedBy: string | null;
  proposalId: string | null;
}

const notFound = (what: string) =>
  new DomainError('not_found', `${what}_not_found`, `No such guideline ${what} in this organisation`);

async function nameMap(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function currentVersion(db: DbOrTx, orgId: string): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(guidelineVersions)
    .where(eq(guidelineVersions.orgId, orgId))
    .orderBy(desc(guidelineVersions.number))
    .limit(1);
  return row ?? null;
}

async function versionView(db: DbOrTx, row: VersionRow): Promise<VersionView> {
  const names = await nameMap(db, [row.publishedBy, row.proposedBy]);
  return {
    number: row.number,
    sections: row.sections,
    summary: row.summary,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy ? (names.get(row.publishedBy) ?? null) : null,
    proposedBy: row.proposedBy ? (names.get(row.proposedBy) ?? null) : null,
    proposalId: row.proposalId,
  };
}

async function orgLocale(db: DbOrTx, orgId: string): Promise<Locale> {
  const [org] = await db.select({ locale: orgs.defaultLocale }).from(orgs).where(eq(orgs.id, orgId));
  return org?.locale ?? 'en';
}

/** What every member sees first: the current version and whether they have acknowledged it. */
export async function overview(db: DbOrTx, actor: Actor) {
  const current = await currentVersion(db, actor.orgId);
  let acknowledgedAt: Date | null = null;
  if (current) {
    const [ack] = await db
      .select({ at: guidelineAcks.at })
      .from(guidelineAcks)
      .where(
        and(
          eq(guidelineAcks.orgId, actor.orgId),
          eq(guidelineAcks.userId, actor.userId),
          eq(guidelineAcks.version, current.number),
        ),
      );
    acknowledgedAt = ack?.at ?? null;
  }
  const [open] = await db
    .select({ n: count() })
    .from(guidelineProposals)
    .where(and(eq(guidelineProposals.orgId, actor.orgId), eq(guidelineProposals.status, 'open')));
  return {
    current: current ? await versionView(db, current) : null,
    acknowledged: acknowledgedAt !== null,
    acknowledgedAt,
    openProposals: open?.n ?? 0,
    locale: await orgLocale(db, actor.orgId),
  };
}

export async function listVersions(db: DbOrTx, orgId: string) {
  const rows = await db
    .select()
    .from(guidelineVersions)
    .where(eq(guidelineVersions.orgId, orgId))
    .orderBy(desc(guidelineVersions.number));
  const names = await nameMap(
    db,
    rows.flatMap((r) => [r.publishedBy, r.proposedBy]),
  );
  return rows.map((r) => ({
    number: r.number,
    summary: r.summary,
    publishedAt: r.publishedAt,
    publishedBy: r.publishedBy ? (names.get(r.publishedBy) ?? null) : null,
    proposedBy: r.proposedBy ? (names.get(r.proposedBy) ?? null) : null,
  }));
}

/** One version with the diff against the version before it (against nothing for the first). */
export async function getVersion(db: DbOrTx, orgId: string, number: number) {
  const rows = await db
    .select()
    .from(guidelineVersions)
    .where(and(eq(guidelineVersions.orgId, orgId), inArray(guidelineVersions.number, [number, number - 1])));
  const row = rows.find((r) => r.number === number);
  if (!row) throw notFound('version');
  const previous = rows.find((r) => r.number === number - 1);
  return {
    ...(await versionView(db, row)),
    diff: diffLines(previous ? sectionsToText(previous.sections) : '', sectionsToText(row.sections)),
  };
}

const newKey = () => `s-${randomBytes(4).toString('hex')}`;

/** Gives every section a key, unique within the list; keeps the keys it already has. */
function keyed(sections: { key?: string | undefined; title: string; body: string }[]): GuidelineSection[] {
  const seen = new Set<string>();
  return sections.map((s) => {
    let key = s.key && !seen.has(s.key) ? s.key : newKey();
    while (seen.has(key)) key = newKey();
    seen.add(key);
    return { key, title: s.title, body: s.body.replace(/\r\n?/g, '\n') };
  });
}

export async function templateFor(db: DbOrTx, orgId: string, locale?: Locale) {
  const l = locale ?? (await orgLocale(db, orgId));
  return { locale: l, title: FIRST_PROPOSAL_TITLE[l], sections: guidelineTemplate(l) };
}

export async function createProposal(db: Db, actor: Actor, input: ProposalCreate) {
  return db.transaction(async (tx) => {
    const current = await currentVersion(tx, actor.orgId);
    const start = current ? current.sections : (await templateFor(tx, actor.orgId)).sections;
    const locale = await orgLocale(tx, actor.orgId);
    const [row] = await tx
      .insert(guidelineProposals)
      .values({
        orgId: actor.orgId,
        baseVersion: current?.number ?? null,
        title: input.title ?? FIRST_PROPOSAL_TITLE[locale],
        summary: input.summary ?? '',
        sections: keyed(input.sections ?? start),
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'guidelines.proposal_created',
      target: row.title,
      details: { proposalId: row.id },
    });
    return row;
  });
}

export async function listProposals(db: DbOrTx, orgId: string) {
  const rows = await db
    .select()
    .from(guidelineProposals)
    .where(eq(guidelineProposals.orgId, orgId))
    .orderBy(desc(guidelineProposals.createdAt));
  const counts = rows.length
    ? await db
        .select({ proposalId: guidelineComments.proposalId, n: count() })
        .from(guidelineComments)
        .where(
          and(
            eq(guidelineComments.orgId, orgId),
            inArray(
              guidelineComments.proposalId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .groupBy(guidelineComments.proposalId)
    : [];
  const byId = new Map(counts.map((c) => [c.proposalId, c.n]));
  const names = await nameMap(
    db,
    rows.map((r) => r.createdBy),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    status: r.status,
    baseVersion: r.baseVersion,
    publishedVersion: r.publishedVersion,
    createdBy: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    comments: byId.get(r.id) ?? 0,
  }));
}

async function proposalOf(db: DbOrTx, orgId: string, id: string): Promise<ProposalRow> {
  const [row] = await db
    .select()
    .from(guidelineProposals)
    .where(and(eq(guidelineProposals.orgId, orgId), eq(guidelineProposals.id, id)));
  if (!row) throw notFound('proposal');
  return row;
}

/** A proposal with its comments and what it changes against the current version. */
export async function getProposal(db: DbOrTx, orgId: string, id: string) {
  const row = await proposalOf(db, orgId, id);
  const current = await currentVersion(db, orgId);
  const comments = await db
    .select()
    .from(guidelineComments)
    .where(and(eq(guidelineComments.orgId, orgId), eq(guidelineComments.proposalId, id)))
    .orderBy(asc(guidelineComments.createdAt));
  const names = await nameMap(db, [row.createdBy, row.updatedBy, ...comments.map((c) => c.authorId)]);
  const nameOf = (userId: string | null) => (userId ? (names.get(userId) ?? null) : null);
  // A published proposal is compared with the version before the one it became.
  let base: GuidelineSection[] = current?.sections ?? [];
  if (row.status === 'published' && row.publishedVersion) {
    const [prev] = await db
      .select()
      .from(guidelineVersions)
      .where(and(eq(guidelineVersions.orgId, orgId), eq(guidelineVersions.number, row.publishedVersion - 1)));
    base = prev?.sections ?? [];
  }
  const diff: DiffLine[] = diffLines(sectionsToText(base), sectionsToText(row.sections));
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    sections: row.sections,
    status: row.status,
    baseVersion: row.baseVersion,
    publishedVersion: row.publishedVersion,
    currentVersion: current?.number ?? null,
    /** Written against an older version than the current one: publishing it would undo someone's changes. */
    stale: row.status === 'open' && (row.baseVersion ?? 0) !== (current?.number ?? 0),
    createdBy: nameOf(row.createdBy),
    updatedBy: nameOf(row.updatedBy),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    comments: comments.map((c) => ({
      id: c.id,
      body: c.body,
      sectionKey: c.sectionKey,
      author: nameOf(c.authorId),
      createdAt: c.createdAt,
    })),
    diff,
  };
}

function assertOpen(row: ProposalRow) {
  if (row.status !== 'open') {
    throw new DomainError(
      'conflict',
      'proposal_closed',
      `status: this proposal is ${row.status} and can no longer be changed`,
    );
  }
}

export async function updateProposal(db: Db, actor: Actor, id: string, patch: ProposalPatch) {
  return db.transaction(async (tx) => {
    const row = await proposalOf(tx, actor.orgId, id);
    assertOpen(row);
    await tx
      .update(guidelineProposals)
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.summary !== undefined && { summary: patch.summary }),
        ...(patch.sections !== undefined && { sections: keyed(patch.sections) }),
        updatedBy: actor.userId,
        updatedAt: new Date(),
      })
      .where(eq(guidelineProposals.id, id));
    return getProposal(tx, actor.orgId, id);
  });
}

export async function withdrawProposal(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const row = await proposalOf(tx, actor.orgId, id);
    assertOpen(row);
    await tx
      .update(guidelineProposals)
      .set({ status: 'withdrawn', updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(guidelineProposals.id, id));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'guidelines.proposal_withdrawn',
      target: row.title,
      details: { proposalId: id },
    });
  });
}

export async function addComment(
  db: Db,
  actor: Actor,
  proposalId: string,
  input: { body: string; sectionKey?: string | null | undefined },
) {
  const row = await proposalOf(db, actor.orgId, proposalId);
  assertOpen(row);
  const sectionKey = input.sectionKey || null;
  if (sectionKey && !row.sections.some((s) => s.key === sectionKey)) {
    throw new DomainError('invalid', 'validation', 'sectionKey: no such section in this proposal', {
      fields: { sectionKey: 'no such section in this proposal' },
    });
  }
  const [comment] = await db
    .insert(guidelineComments)
    .values({ orgId: actor.orgId, proposalId, authorId: actor.userId, sectionKey, body: input.body })
    .returning();
  if (!comment) throw new Error('insert returned nothing');
  return comment;
}

/** Makes a proposal the next version. Refused when it was written against an older version than the current. */
export async function publishProposal(db: Db, actor: Actor, id: string, summary: string | undefined) {
  const number = await db.transaction(async (tx) => {
    const row = await proposalOf(tx, actor.orgId, id);
    assertOpen(row);
    const current = await currentVersion(tx, actor.orgId);
    const currentNumber = current?.number ?? 0;
    if ((row.baseVersion ?? 0) !== currentNumber) {
      throw new DomainError(
        'conflict',
        'proposal_stale',
        `baseVersion: this proposal was written against version ${row.baseVersion ?? 0}, but version ${currentNumber} is current now; start a new proposal from it`,
      );
    }
    const next = currentNumber + 1;
    const [inserted] = await tx
      .insert(guidelineVersions)
      .values({
        orgId: actor.orgId,
        number: next,
        sections: row.sections,
        summary: summary?.trim() || row.summary,
        proposalId: row.id,
        proposedBy: row.createdBy,
        publishedBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ number: guidelineVersions.number });
    if (!inserted) {
      throw new DomainError(
        'conflict',
        'proposal_stale',
        `baseVersion: version ${next} was published a moment ago; start a new proposal from it`,
      );
    }
    await tx
      .update(guidelineProposals)
      .set({ status: 'published', publishedVersion: next, updatedAt: new Date() })
      .where(eq(guidelineProposals.id, id));
    // Whoever publishes has read it.
    await tx
      .insert(guidelineAcks)
      .values({ orgId: actor.orgId, userId: actor.userId, version: next })
      .onConflictDoNothing();
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'guidelines.version_published',
      target: `v${next}`,
      details: { version: next, proposalId: id },
    });
    return next;
  });
  return getVersion(db, actor.orgId, number);
}

export async function acknowledge(db: Db, actor: Actor, version: number) {
  const current = await currentVersion(db, actor.orgId);
  if (!current) throw notFound('version');
  if (current.number !== version) {
    throw new DomainError(
      'conflict',
      'version_not_current',
      `version: version ${version} is not the current one (${current.number}); read the current version first`,
    );
  }
  await db
    .insert(guidelineAcks)
    .values({ orgId: actor.orgId, userId: actor.userId, version })
    .onConflictDoNothing();
  return overview(db, actor);
}

/** Every member and whether they acknowledged the current version (and when), for admins. */
export async function acknowledgements(db: DbOrTx, orgId: string) {
  const current = await currentVersion(db, orgId);
  const members = await listMembers(db, orgId);
  const acks = current
    ? await db
        .select({ userId: guidelineAcks.userId, at: guidelineAcks.at })
        .from(guidelineAcks)
        .where(and(eq(guidelineAcks.orgId, orgId), eq(guidelineAcks.version, current.number)))
    : [];
  const byUser = new Map(acks.map((a) => [a.userId, a.at]));
  const list = members.map((m) => ({
    userId: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    acknowledgedAt: byUser.get(m.userId) ?? null,
  }));
  return {
    version: current?.number ?? null,
    members: list,
    acknowledged: list.filter((m) => m.acknowledgedAt).length,
    total: list.length,
  };
}
