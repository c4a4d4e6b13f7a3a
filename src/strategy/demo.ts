// A worked example of a plan, written through the same services a person uses: for the demo organisation, for
// tests, and for anyone who wants to see what a filled-in strategy looks like.
import type { Db } from '../db/connect.ts';
import { createProposal, currentVersion, publishProposal } from '../guidelines/service.ts';
import { createMonitor } from '../listening/monitors.ts';
import type { Actor } from '../team/auth.ts';
import { listMembers } from '../team/members.ts';
import { suggestedQuery } from './health/checks/voice.ts';
import { createItem } from './sections.ts';
import { ensureOrgPlan, updatePlan } from './service.ts';

export async function seedDemoStrategy(db: Db, actor: Actor): Promise<string> {
  const plan = await ensureOrgPlan(db, actor.orgId);
  const members = await listMembers(db, actor.orgId);
  const leader = members.find((m) => m.userId === actor.userId) ?? members[0]!;
  const planId = plan.id;
  const add = (name: Parameters<typeof createItem>[2], input: Record<string, unknown>) =>
    createItem(db, actor, name, { planId }, input);

  await updatePlan(db, actor, planId, {
    purpose:
      'Show customers that we answer quickly and plainly, and bring the people who care most about energy into what we build next.',
    goalOrientation: 'professional',
    reach: 'public',
    leaderUserId: leader.userId,
    leaderBacking: `${leader.name} opens the Monday meeting with what customers said online last week, and answers some of it in person.`,
    rewards: 'The best answer of the month is shown at the all-hands meeting.',
    peerNetwork: 'The communications network of Bergen Chamber of Commerce.',
    vision: 'Energy advice anyone can act on, from a company that listens.',
    keyMessages: [
      'We answer within the hour on weekdays',
      'Your bill, explained in plain words',
      'Ideas from customers ship',
    ],
    notAppear: 'Never smug, never defensive, never hiding behind jargon or terms and conditions.',
  });

  const households = await add('audiences', {
    name: 'Households in Western Norway',
    participation: 'spectators',
    description: 'Read along when the bill is high or the power is out.',
    offer: 'Quick, plain answers and a warning before prices jump.',
  });
  const nerds = await add('audiences', {
    name: 'Energy enthusiasts',
    participation: 'creators',
    description: 'Write blogs and threads about heat pumps, solar and smart meters.',
    offer: 'Early looks at new features, and a say in what comes next.',
  });
  const bluesky = await add('channels', {
    network: 'bluesky',
    handle: '@fjellvind.no',
    x: 0.72,
    y: 0.82,
    reason: 'The energy debate happens in public, and customers ask questions there.',
    contentPlan: 'Answers to questions, a weekly price outlook, tips for saving energy.',
    postsPerWeek: 5,
    audienceIds: [households.id],
  });
  await add('channels', {
    network: 'mastodon',
    handle: '@fjellvind@mastodon.social',
    x: 0.3,
    y: 0.68,
    reason: 'The open-source and maker crowd is here, and they like to be asked.',
    contentPlan: 'Roadmap questions and behind-the-scenes posts from the product team.',
    postsPerWeek: 1,
    audienceIds: [nerds.id],
  });

  const service = await add('goals', {
    title: 'Customers see us answer',
    objective: 'visible_customer_service',
  });
  await createItem(
    db,
    actor,
    'kpis',
    { goalId: service.id as string },
    {
      kind: 'median_response_time',
      params: { channelId: bluesky.id },
      baseline: 240,
      target: 60,
      targetDate: `${new Date().getUTCFullYear() + 1}-06-30`,
    },
  );
  const ideas = await add('goals', {
    title: 'Ideas from customers in the product',
    objective: 'co_innovation',
    objectiveNote: 'Product roadmap for next year',
  });
  await createItem(
    db,
    actor,
    'kpis',
    { goalId: ideas.id as string },
    {
      kind: 'customer_ideas',
      baseline: 2,
      target: 10,
      targetDate: `${new Date().getUTCFullYear() + 1}-03-31`,
    },
  );

  await add('topics', {
    stance: 'in',
    name: 'Saving energy at home',
    examples: ['Turn the heating down one degree', 'What a heat pump really saves'],
  });
  await add('topics', {
    stance: 'out',
    name: 'Party politics and energy policy',
    examples: ['Vote for', 'The government should'],
    note: 'Refer journalists to the CEO’s office.',
  });
  await add('watchTerms', { kind: 'leader', term: leader.name });
  await add('watchTerms', { kind: 'brand', term: 'Fjellvind' });
  await add('watchTerms', { kind: 'competitor', term: 'Havkraft' });

  await add('responsibilities', {
    userId: leader.userId,
    responsibility: 'Writes own posts and answers a few questions each week',
    hoursPerWeek: 2,
    commitment: 'high',
  });
  for (const m of members.filter((m) => m.userId !== leader.userId).slice(0, 2)) {
    await add('responsibilities', {
      userId: m.userId,
      responsibility: 'Answers customers on Bluesky and Mastodon',
      hoursPerWeek: 6,
      commitment: 'some',
    });
  }
  await seedDemoSurroundings(db, actor, leader.name);
  return planId;
}

/**
 * What the health check reads besides the plan, so the demo shows it working: a monitor on the leader's name and
 * the brand (the net-neutrality storm is heard), and the guidelines template published as version 1, which the
 * admin has read and the rest of the team has not yet. Nothing is added where the organisation already has it.
 */
async function seedDemoSurroundings(db: Db, actor: Actor, leaderName: string): Promise<void> {
  await createMonitor(db, actor, {
    name: `${leaderName} and Fjellvind`,
    query: `${suggestedQuery(leaderName)} OR Fjellvind`,
    sources: [],
    languages: [],
  });
  if (!(await currentVersion(db, actor.orgId))) {
    const proposal = await createProposal(db, actor, {});
    await publishProposal(db, actor, proposal.id, undefined);
  }
}
