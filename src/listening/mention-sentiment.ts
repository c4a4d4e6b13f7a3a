// Correcting a mention's sentiment by hand: the lexicon errs sometimes, and a person's correction counts everywhere.
// In one transaction the mention takes the new sentiment and who set it (so the pipeline's inserts, which never
// touch a stored mention, and the UI's "set by" both see it), its matches' copy follows (per-monitor charts and a
// storm's negative share read mention_matches) and its story's positive/negative/neutral counts are recounted.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { users } from '../team/schema.ts';
import type { Sentiment } from './mentions.ts';
import { mentionMatches, mentions } from './schema.ts';
import { stories, storyMembers } from './stories/schema.ts';

/** How much of the mention's text the audit entry keeps to name it. */
const EXCERPT = 80;

export interface SentimentSet {
  id: string;
  sentiment: Sentiment;
  sentimentSetBy: { id: string; name: string } | null;
  sentimentSetAt: string | null;
  storyId: string | null;
}

function excerpt(title: string | null, text: string): string {
  const s = (title?.trim() || text).replace(/\s+/g, ' ').trim();
  return s.length > EXCERPT ? `${s.slice(0, EXCERPT - 1)}…` : s;
}

export async function setMentionSentiment(
  db: Db,
  actor: Actor,
  id: string,
  sentiment: Sentiment,
): Promise<SentimentSet> {
  const out = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ sentiment: mentions.sentiment, title: mentions.title, text: mentions.text })
      .from(mentions)
      .where(and(eq(mentions.id, id), eq(mentions.orgId, actor.orgId)))
      .for('update');
    if (!before)
      throw new DomainError('not_found', 'mention_not_found', 'No such mention in this organisation');
    const setAt = new Date();
    await tx
      .update(mentions)
      .set({ sentiment, sentimentSetBy: actor.userId, sentimentSetAt: setAt })
      .where(and(eq(mentions.id, id), eq(mentions.orgId, actor.orgId)));
    await tx
      .update(mentionMatches)
      .set({ sentiment })
      .where(and(eq(mentionMatches.mentionId, id), eq(mentionMatches.orgId, actor.orgId)));
    const [member] = await tx
      .select({ storyId: storyMembers.storyId })
      .from(storyMembers)
      .where(and(eq(storyMembers.mentionId, id), eq(storyMembers.orgId, actor.orgId)));
    if (member && before.sentiment !== sentiment) {
      // The story's mix, counted again from its members (as the stories step counts it).
      await tx.execute(sql`
        update ${stories} s set positive = a.positive, negative = a.negative, neutral = a.neutral, updated_at = now()
        from (
          select (count(*) filter (where me.sentiment = 'positive'))::int as positive,
            (count(*) filter (where me.sentiment = 'negative'))::int as negative,
            (count(*) filter (where me.sentiment = 'neutral'))::int as neutral
          from ${storyMembers} m join ${mentions} me on me.id = m.mention_id
          where m.org_id = ${actor.orgId} and m.story_id = ${member.storyId}
        ) a
        where s.id = ${member.storyId} and s.org_id = ${actor.orgId}`);
    }
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'mention.sentiment_set',
      target: id,
      details: { mention: excerpt(before.title, before.text), sentiment, previous: before.sentiment },
    });
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
    return { setAt, storyId: member?.storyId ?? null, name: user?.name ?? '' };
  });
  return {
    id,
    sentiment,
    sentimentSetBy: { id: actor.userId, name: out.name },
    sentimentSetAt: out.setAt.toISOString(),
    storyId: out.storyId,
  };
}
