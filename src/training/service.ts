// Drill runs. The audience's posts are put into the organisation's sandbox network lazily: every read or
// action on a run first "advances" it, posting each beat whose time has come. All state lives in the database
// (start time, skipped time, one event per beat under a unique key), so a restart, a second server or two
// polls at once give the same timeline, and nothing sleeps: time comes from an injectable clock.
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { DomainError, fieldError } from '../errors.ts';
import { checkDraft } from '../guidelines/check.ts';
import { sentiment } from '../listening/nlp/index.ts';
import { sandboxKind } from '../networks/sandbox/network.ts';
import { sandboxAccounts, sandboxPosts } from '../networks/sandbox/schema.ts';
import { type Network, NetworkError } from '../networks/types.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { type Locale, users } from '../team/schema.ts';
import { buildDebrief, checkReply, type EventForDebrief, type ReplyCheck } from './debrief.ts';
import { builtInDrills } from './drills.ts';
import { type BeatTarget, dueBeats, nextBeatAtMs, type ReplyView } from './engine.ts';
import { practiceScenario } from './practice.ts';
import { parseScenario, type Scenario, scenarioDurationSeconds } from './scenario.ts';
import { trainingDrills, trainingEvents, trainingRuns } from './schema.ts';

export interface TrainingDeps {
  db: Db;
  secretBox: SecretBox;
  /** The clock: tests inject one; run time also counts the run's skipped time. */
  now: () => Date;
}

type RunRow = typeof trainingRuns.$inferSelect;
type EventRow = typeof trainingEvents.$inferSelect;

// ---------- drills ----------

export interface DrillSummary {
  slug: string;
  source: 'builtin' | 'org';
  title: string;
  description: string;
  role: string;
  durationSeconds: number;
  beats: number;
  audience: { handle: string; name: string; persona: string }[];
}

function summarize(s: Scenario, source: DrillSummary['source'], locale: Locale): DrillSummary {
  return {
    slug: s.slug,
    source,
    title: s.title[locale],
    description: s.description[locale],
    role: s.role[locale],
    durationSeconds: scenarioDurationSeconds(s),
    beats: s.beats.length,
    audience: s.audience.map((m) => ({ handle: m.handle, name: m.name, persona: m.persona })),
  };
}

export async function listDrills(db: Db, orgId: string, locale: Locale): Promise<DrillSummary[]> {
  const own = await db
    .select()
    .from(trainingDrills)
    .where(eq(trainingDrills.orgId, orgId))
    .orderBy(asc(trainingDrills.createdAt));
  return [
    ...[...builtInDrills().values()].map((s) => summarize(s, 'builtin', locale)),
    ...own.map((d) => summarize(d.scenario, 'org', locale)),
  ];
}

export async function findDrill(db: Db, orgId: string, slug: string) {
  const builtIn = builtInDrills().get(slug);
  if (builtIn) return { scenario: builtIn, source: 'builtin' as const };
  const [row] = await db
    .select()
    .from(trainingDrills)
    .where(and(eq(trainingDrills.orgId, orgId), eq(trainingDrills.slug, slug)));
  if (!row) throw new DomainError('not_found', 'drill_not_found', `drill: no drill "${slug}"`);
  return { scenario: row.scenario, source: 'org' as const };
}

/** Stores a team's drill (a new one, or a new version of one of theirs under the same slug). */
export async function importDrill(db: Db, actor: Actor, file: string, input: unknown) {
  const scenario = parseScenario(file, input);
  if (builtInDrills().has(scenario.slug)) {
    throw new DomainError(
      'conflict',
      'drill_slug_taken',
      `${file}: slug: "${scenario.slug}" is a built-in drill; give yours another slug`,
    );
  }
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: trainingDrills.id })
      .from(trainingDrills)
      .where(and(eq(trainingDrills.orgId, actor.orgId), eq(trainingDrills.slug, scenario.slug)));
    if (existing) {
      await tx
        .update(trainingDrills)
        .set({ scenario, updatedAt: new Date() })
        .where(eq(trainingDrills.id, existing.id));
    } else {
      await tx
        .insert(trainingDrills)
        .values({ orgId: actor.orgId, slug: scenario.slug, scenario, createdBy: actor.userId });
    }
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: existing ? 'training.drill_updated' : 'training.drill_imported',
      target: scenario.slug,
      // In every language, so the log names the drill in its reader's.
      details: { title: scenario.title },
    });
    return { slug: scenario.slug, created: !existing };
  });
}

export async function deleteDrill(db: Db, actor: Actor, slug: string): Promise<void> {
  if (builtInDrills().has(slug)) {
    throw new DomainError('forbidden', 'drill_builtin', `drill: "${slug}" is built in and cannot be deleted`);
  }
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(trainingDrills)
      .where(and(eq(trainingDrills.orgId, actor.orgId), eq(trainingDrills.slug, slug)))
      .returning({ id: trainingDrills.id, scenario: trainingDrills.scenario });
    if (deleted.length === 0)
      throw new DomainError('not_found', 'drill_not_found', `drill: no drill "${slug}"`);
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'training.drill_deleted',
      target: slug,
      details: { title: deleted[0]!.scenario.title },
    });
  });
}

// ---------- sandbox ----------

/** The simulated member's account in the org's sandbox network (shared by runs; it only ever posts from here). */
async function audienceAccount(db: Db, orgId: string, handle: string, name: string): Promise<string> {
  const [row] = await db
    .insert(sandboxAccounts)
    .values({
      orgId,
      handle: `sim.${handle}`,
      displayName: name,
      // No token opens this account: the simulation writes its rows directly.
      tokenHash: `unusable:${randomBytes(16).toString('hex')}`,
    })
    .onConflictDoUpdate({
      target: [sandboxAccounts.orgId, sandboxAccounts.handle],
      set: { displayName: name },
    })
    .returning({ id: sandboxAccounts.id });
  if (!row) throw new Error('could not create a sandbox account for the audience');
  return row.id;
}

async function traineeNetwork(deps: TrainingDeps, run: RunRow): Promise<Network> {
  const ctx = { db: deps.db, orgId: run.orgId };
  let credentials: unknown;
  try {
    credentials = JSON.parse(deps.secretBox.decrypt(run.sealedCredentials, run.id));
  } catch {
    // Sealed under another instance's key (an imported organisation): sign the run's account in again.
    const again = await sandboxKind.connect({ handle: run.sandboxHandle }, ctx);
    credentials = again.credentials;
    await deps.db
      .update(trainingRuns)
      .set({ sealedCredentials: deps.secretBox.encrypt(JSON.stringify(credentials), run.id) })
      .where(eq(trainingRuns.id, run.id));
  }
  return sandboxKind.open(credentials, {}, ctx);
}

/** Publishes the trainee's text through the sandbox connector and threads it under `replyTo`. */
async function publishAsTrainee(deps: TrainingDeps, run: RunRow, text: string, replyTo: string | null) {
  const net = await traineeNetwork(deps, run);
  let post: Awaited<ReturnType<Network['publish']>>;
  try {
    post = await net.publish({ parts: [{ text, images: [] }] }, { key: randomUUID(), issuedAt: deps.now() });
  } catch (err) {
    if (err instanceof NetworkError && err.failure === 'permanent') throw fieldError('text', err.message);
    throw err;
  }
  if (replyTo) {
    await deps.db
      .update(sandboxPosts)
      .set({ replyTo })
      .where(and(eq(sandboxPosts.id, post.remoteId), eq(sandboxPosts.orgId, run.orgId)));
  }
  return post;
}

// ---------- runs ----------

function elapsedMs(run: RunRow, now: Date): number {
  if (run.finishedAt && run.debrief) return run.debrief.elapsedMs;
  return Math.max(0, now.getTime() - run.startedAt.getTime() + run.skippedMs);
}

async function loadRun(db: Db, actor: Actor, runId: string): Promise<RunRow> {
  const [run] = await db
    .select()
    .from(trainingRuns)
    .where(
      and(
        eq(trainingRuns.id, runId),
        eq(trainingRuns.orgId, actor.orgId),
        eq(trainingRuns.userId, actor.userId),
      ),
    );
  if (!run) throw new DomainError('not_found', 'run_not_found', 'run: no such training run of yours');
  return run;
}

async function loadEvents(db: Db, runId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(trainingEvents)
    .where(eq(trainingEvents.runId, runId))
    .orderBy(asc(trainingEvents.atMs), asc(trainingEvents.createdAt));
}

function replyViews(events: EventRow[]): ReplyView[] {
  const beatOf = new Map(events.filter((e) => e.kind === 'audience').map((e) => [e.id, e.beatId]));
  return events
    .filter((e) => e.kind === 'reply')
    .map((e) => ({
      id: e.id,
      answersBeatId: (e.replyToEventId && beatOf.get(e.replyToEventId)) || null,
      atMs: e.atMs,
      deletedAtMs: e.deletedAtMs,
      text: e.text,
    }));
}

/** Posts every beat that is due and not posted yet. Safe to call from any number of requests at once. */
async function advance(deps: TrainingDeps, run: RunRow): Promise<EventRow[]> {
  let events = await loadEvents(deps.db, run.id);
  if (run.finishedAt) return events;
  const scenario = run.scenario;
  const locale = run.locale as Locale;
  const done = new Set(events.flatMap((e) => (e.beatId ? [e.beatId] : [])));
  const skippedBeats = new Set(events.flatMap((e) => (e.beatId && e.skipped ? [e.beatId] : [])));
  const due = dueBeats(scenario, locale, elapsedMs(run, deps.now()), done, replyViews(events), {
    hasOpening: events.some((e) => e.kind === 'opening'),
    skippedBeats,
  });
  if (due.length === 0) return events;
  const byBeat = new Map(events.flatMap((e) => (e.beatId ? [[e.beatId, e] as const] : [])));
  const byId = new Map(events.map((e) => [e.id, e]));
  const opening = events.find((e) => e.kind === 'opening');
  const members = new Map(scenario.audience.map((m) => [m.handle, m]));
  const target = (t: BeatTarget | null): EventRow | undefined => {
    if (!t) return undefined;
    if (t.kind === 'beat') return byBeat.get(t.beatId);
    if (t.kind === 'reply') return byId.get(t.replyId);
    return opening;
  };
  for (const d of due) {
    const member = members.get(d.beat.member)!;
    const text = d.beat.text[locale];
    const replyTo = target(d.replyTo);
    const quoted = target(d.quotes);
    let sandboxPostId: string | null = null;
    if (!d.skipped) {
      const accountId = await audienceAccount(deps.db, run.orgId, member.handle, member.name);
      const key = `training:${run.id}:${d.beat.id}`;
      await deps.db
        .insert(sandboxPosts)
        .values({
          orgId: run.orgId,
          accountId,
          idempotencyKey: key,
          replyTo: replyTo?.sandboxPostId ?? null,
          text,
        })
        .onConflictDoNothing();
      const [post] = await deps.db
        .select({ id: sandboxPosts.id })
        .from(sandboxPosts)
        .where(and(eq(sandboxPosts.accountId, accountId), eq(sandboxPosts.idempotencyKey, key)));
      sandboxPostId = post?.id ?? null;
    }
    await deps.db
      .insert(trainingEvents)
      .values({
        orgId: run.orgId,
        runId: run.id,
        kind: 'audience',
        beatId: d.beat.id,
        skipped: d.skipped,
        atMs: d.atMs,
        sandboxPostId,
        author: member.handle,
        text,
        replyToEventId: replyTo?.id ?? null,
        quoteOfEventId: quoted?.id ?? null,
      })
      .onConflictDoNothing();
    // Whichever request inserted it, this is the event now.
    const [row] = await deps.db
      .select()
      .from(trainingEvents)
      .where(and(eq(trainingEvents.runId, run.id), eq(trainingEvents.beatId, d.beat.id)));
    if (row) {
      byBeat.set(d.beat.id, row);
      byId.set(row.id, row);
    }
  }
  events = await loadEvents(deps.db, run.id);
  return events;
}

async function userName(db: Db, userId: string): Promise<string> {
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? 'Trainee';
}

async function createRun(
  deps: TrainingDeps,
  actor: Actor,
  kind: RunRow['kind'],
  scenario: Scenario,
  locale: Locale,
): Promise<RunRow> {
  const id = randomUUID();
  const handle = `trainee.${id.slice(0, 8)}`;
  const connection = await sandboxKind.connect(
    { handle, displayName: await userName(deps.db, actor.userId) },
    { db: deps.db, orgId: actor.orgId },
  );
  const [run] = await deps.db
    .insert(trainingRuns)
    .values({
      id,
      orgId: actor.orgId,
      userId: actor.userId,
      kind,
      drillSlug: scenario.slug,
      scenario,
      locale,
      sandboxAccountId: connection.account.remoteAccountId,
      sandboxHandle: handle,
      sealedCredentials: deps.secretBox.encrypt(JSON.stringify(connection.credentials), id),
      startedAt: deps.now(),
    })
    .returning();
  return run!;
}

export async function startRun(deps: TrainingDeps, actor: Actor, input: { drill: string; locale: Locale }) {
  const { scenario } = await findDrill(deps.db, actor.orgId, input.drill);
  const run = await createRun(deps, actor, 'drill', scenario, input.locale);
  return runView(deps, actor, run.id);
}

/** Free practice: the trainee's own post, answered by simulated members in the post's language. */
export async function startPractice(
  deps: TrainingDeps,
  actor: Actor,
  input: { text: string; locale: Locale },
) {
  const text = input.text.trim();
  if (!text) throw fieldError('text', 'write a post to practise on');
  const scenario = practiceScenario(text, input.locale);
  const locale = scenario.locale;
  const run = await createRun(deps, actor, 'practice', scenario.scenario, locale);
  const post = await publishAsTrainee(deps, run, text, null);
  await deps.db.insert(trainingEvents).values({
    orgId: run.orgId,
    runId: run.id,
    kind: 'opening',
    atMs: 0,
    sandboxPostId: post.remoteId,
    author: run.sandboxHandle,
    text,
  });
  return runView(deps, actor, run.id);
}

export async function listRuns(db: Db, actor: Actor, locale: Locale) {
  const rows = await db
    .select({
      id: trainingRuns.id,
      kind: trainingRuns.kind,
      drillSlug: trainingRuns.drillSlug,
      scenario: trainingRuns.scenario,
      locale: trainingRuns.locale,
      startedAt: trainingRuns.startedAt,
      finishedAt: trainingRuns.finishedAt,
      score: trainingRuns.score,
    })
    .from(trainingRuns)
    .where(and(eq(trainingRuns.orgId, actor.orgId), eq(trainingRuns.userId, actor.userId)))
    .orderBy(desc(trainingRuns.startedAt))
    .limit(50);
  return rows.map(({ scenario, ...r }) => ({
    ...r,
    title: scenario.title[(r.locale as Locale) ?? locale],
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  }));
}

export async function runView(deps: TrainingDeps, actor: Actor, runId: string) {
  const run = await loadRun(deps.db, actor, runId);
  const events = await advance(deps, run);
  const locale = run.locale as Locale;
  const s = run.scenario;
  const members = new Map(s.audience.map((m) => [m.handle, m]));
  const elapsed = elapsedMs(run, deps.now());
  const trainee = { handle: run.sandboxHandle, name: await userName(deps.db, run.userId) };
  return {
    id: run.id,
    kind: run.kind,
    drill: run.drillSlug,
    title: s.title[locale],
    description: s.description[locale],
    role: s.role[locale],
    locale,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    elapsedMs: elapsed,
    durationMs: scenarioDurationSeconds(s) * 1000,
    respondWithinSeconds: s.goodAnswer.respondWithinSeconds,
    nextBeatInMs: run.finishedAt
      ? null
      : (() => {
          const next = nextBeatAtMs(s, elapsed);
          return next === null ? null : next - elapsed;
        })(),
    trainee,
    audience: s.audience,
    // The audience's mood post by post (sentiment in the drill's language, −1 … 1): a storm shows as a slide.
    mood: events
      .filter((e) => e.kind === 'audience' && !e.skipped)
      .map((e) => ({ atMs: e.atMs, score: Math.round(sentiment(e.text, locale).score * 100) / 100 })),
    timeline: events
      .filter((e) => !e.skipped)
      .map((e) => {
        const m = e.kind === 'audience' ? members.get(e.author) : undefined;
        return {
          id: e.id,
          kind: e.kind,
          author: e.kind === 'audience' ? e.author : trainee.handle,
          name: m?.name ?? trainee.name,
          persona: m?.persona ?? null,
          atMs: e.atMs,
          text: e.text,
          replyToEventId: e.replyToEventId,
          quoteOfEventId: e.quoteOfEventId,
          sandboxPostId: e.sandboxPostId,
          responseMs: e.responseMs,
          deleted: e.deletedAtMs !== null,
          deletedAtMs: e.deletedAtMs,
          check: e.check,
        };
      }),
    score: run.score,
    debrief: run.debrief,
  };
}

export type RunView = Awaited<ReturnType<typeof runView>>;

async function activeRun(deps: TrainingDeps, actor: Actor, runId: string) {
  const run = await loadRun(deps.db, actor, runId);
  if (run.finishedAt)
    throw new DomainError('conflict', 'run_finished', 'run: this run is finished; start a new one');
  const events = await advance(deps, run);
  return { run, events };
}

/** What a reply would be told, before it is sent: guideline hits, the drill's forbidden and expected elements, tone. */
export async function checkRunText(
  deps: TrainingDeps,
  actor: Actor,
  runId: string,
  text: string,
): Promise<ReplyCheck> {
  const run = await loadRun(deps.db, actor, runId);
  const hits = await checkDraft(deps.db, run.orgId, { text, channelIds: [] });
  return checkReply(run.scenario, run.locale as Locale, text, hits);
}

export async function replyInRun(
  deps: TrainingDeps,
  actor: Actor,
  runId: string,
  input: { to: string; text: string },
) {
  const { run, events } = await activeRun(deps, actor, runId);
  const text = input.text.trim();
  if (!text) throw fieldError('text', 'must not be empty');
  const target = events.find((e) => e.id === input.to && !e.skipped);
  if (!target) throw fieldError('to', 'no post with this id in the run');
  if (target.deletedAtMs !== null) throw fieldError('to', 'that post was deleted');
  const atMs = elapsedMs(run, deps.now());
  const hits = await checkDraft(deps.db, run.orgId, { text, channelIds: [] });
  const check = checkReply(run.scenario, run.locale as Locale, text, hits);
  const post = await publishAsTrainee(deps, run, text, target.sandboxPostId);
  // The response time runs from the audience post the reply answers; a reply to one's own post has none.
  const responseMs = target.kind === 'audience' ? Math.max(0, atMs - target.atMs) : null;
  const [event] = await deps.db
    .insert(trainingEvents)
    .values({
      orgId: run.orgId,
      runId: run.id,
      kind: 'reply',
      atMs,
      sandboxPostId: post.remoteId,
      author: run.sandboxHandle,
      text,
      replyToEventId: target.id,
      responseMs,
      check,
    })
    .returning();
  return { reply: { id: event!.id, atMs, responseMs, check, sandboxPostId: post.remoteId } };
}

export async function deleteReplyInRun(deps: TrainingDeps, actor: Actor, runId: string, replyId: string) {
  const { run, events } = await activeRun(deps, actor, runId);
  const reply = events.find((e) => e.id === replyId && e.kind === 'reply');
  if (!reply)
    throw new DomainError('not_found', 'reply_not_found', 'reply: no reply of yours with this id in the run');
  if (reply.deletedAtMs !== null) return { deletedAtMs: reply.deletedAtMs };
  const net = await traineeNetwork(deps, run);
  if (reply.sandboxPostId) {
    await net.delete({
      remoteId: reply.sandboxPostId,
      url: '',
      parts: [{ remoteId: reply.sandboxPostId, url: '' }],
    });
  }
  const deletedAtMs = elapsedMs(run, deps.now());
  await deps.db.update(trainingEvents).set({ deletedAtMs }).where(eq(trainingEvents.id, reply.id));
  return { deletedAtMs };
}

export async function finishRun(deps: TrainingDeps, actor: Actor, runId: string) {
  const run = await loadRun(deps.db, actor, runId);
  if (!run.finishedAt) {
    const events = await advance(deps, run);
    const elapsed = elapsedMs(run, deps.now());
    const forDebrief: EventForDebrief[] = events.map((e) => ({
      id: e.id,
      kind: e.kind,
      beatId: e.beatId,
      skipped: e.skipped,
      atMs: e.atMs,
      text: e.text,
      replyToEventId: e.replyToEventId,
      responseMs: e.responseMs,
      deletedAtMs: e.deletedAtMs,
      check: e.check,
    }));
    const debrief = buildDebrief(run.scenario, run.locale as Locale, forDebrief, elapsed);
    await deps.db
      .update(trainingRuns)
      .set({ finishedAt: deps.now(), debrief, score: debrief.score })
      .where(and(eq(trainingRuns.id, run.id), eq(trainingRuns.orgId, actor.orgId)));
  }
  return runView(deps, actor, runId);
}

/** Test clock only (never registered in production): moves a run's time forward. */
export async function skipAhead(deps: TrainingDeps, actor: Actor, runId: string, seconds: number) {
  const run = await loadRun(deps.db, actor, runId);
  await deps.db
    .update(trainingRuns)
    .set({ skippedMs: run.skippedMs + Math.round(seconds * 1000) })
    .where(eq(trainingRuns.id, run.id));
  return runView(deps, actor, runId);
}
