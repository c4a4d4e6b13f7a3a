// The health check in English: for each check, a title, why it matters (with its source in the seeds) and the
// next step. Sources: 000/001 Dutta (HBR) via the Norwegian and German posts, 002 BI's ten pieces of advice,
// 003 five practices of social CEOs, 004 where companies should start.
import type { HealthTexts } from './health-types.ts';

export const healthEn: HealthTexts = {
  purpose: {
    source: 'BI, advice 1',
    title: () => 'The plan has no purpose yet',
    explanation: () =>
      'Nobody has written down which tasks social media should solve, who you want to reach and what the presence is for. Initiatives without strategic anchoring tend to produce disappointing results – or none at all.',
    nextStep: () => 'Write two or three sentences: which tasks, for whom, and to what end.',
  },
  'goals-exist': {
    source: 'BI, advice 2; 004, point 1',
    title: () => 'No goals yet',
    explanation: () =>
      'Without clear goals, social media becomes random, isolated initiatives with little connection to the strategies you already have – and you cannot tell whether what you do is right.',
    nextStep: () =>
      'Add a goal and tie it to a business objective such as loyal customers or visible customer service.',
  },
  'goal-objective': {
    source: "004, point 1: 'Facebook is a platform, not a strategy'; BI, advice 2",
    title: (f) =>
      f.variant === 'none'
        ? 'No goal is tied to a business objective'
        : `“${f.name}” is not tied to a business objective`,
    explanation: () =>
      'Find the business goals that social media supports, rather than making a strategy for a platform. A goal that serves no existing objective is hard to measure and easy to drop.',
    nextStep: (f) =>
      f.variant === 'none'
        ? 'Choose the business objective each goal serves, or write which existing strategy it supports.'
        : 'Choose the business objective it serves, or write which existing strategy it supports.',
  },
  'goal-kpis': {
    source: 'BI, advice 2',
    title: (f) => `“${f.name}” has no KPI`,
    explanation: () =>
      'Goals should be measured like other activities. Without a KPI, nobody will know whether the goal was reached.',
    nextStep: () => 'Add a KPI with a baseline, a target and a date.',
  },
  'kpi-complete': {
    source: "BI, advice 2; 000, risk area 3: 'how do you measure the benefit?'",
    title: (f) =>
      `A KPI for “${f.str('goal')}” lacks ${f.join(f.list('gaps').map((g) => f.L.gap[g as keyof typeof f.L.gap]))}`,
    explanation: (f) =>
      `“${f.L.kpiKind[f.str('kind') as keyof typeof f.L.kpiKind]}” can only show progress when it has a starting point, a target and a date – and what exactly to count.`,
    nextStep: () => 'Fill in what is missing, so measurement can compute it from real data.',
  },
  'kpi-overdue': {
    source: "000, risk area 3: 'how do you measure the benefit?'",
    title: (f) => `A KPI for “${f.str('goal')}” passed its date`,
    explanation: (f) =>
      `The target date ${f.date('date')} has passed. A goal is only useful while it is current.`,
    nextStep: () => 'Record how it went, then set the next target and date – or retire the KPI.',
  },
  'quality-over-quantity': {
    source: 'BI, advice 7: quality over quantity',
    title: () => 'The only KPIs count followers or posts',
    explanation: () =>
      'Influence comes from the quality of your connections and what you share, not from the number of friends or posts. Many thousands of followers do not help if what you post is uninteresting.',
    nextStep: () =>
      'Add a KPI about quality: answers given, share of voice, positive mentions or followers in your audience.',
  },
  'audiences-exist': {
    source: 'BI, advice 1 and 3; 003, practice 1',
    title: () => 'No audience defined',
    explanation: () =>
      'Social leaders target a defined audience with a clear reason. Study who you want to reach and how they behave online before choosing what to do.',
    nextStep: () => 'Name the audiences you want to reach and how actively each takes part.',
  },
  'audience-offer': {
    source: "003, practice 1: 'something valuable and distinctive to say'",
    title: (f) => `What does “${f.name}” get from you?`,
    explanation: () =>
      'An audience needs a reason to listen. Write down what this audience should get from you – information, help, a voice in what you make.',
    nextStep: () => 'Describe what this audience gets from following you.',
  },
  'audience-reached': {
    source: 'BI, advice 3; 003, practice 1: choose the right platforms',
    title: (f) => `No channel is meant for “${f.name}”`,
    explanation: () =>
      'Tailor the activity to each audience. An audience no channel is meant for is an audience nobody talks to.',
    nextStep: () => 'Mark which channels reach this audience, or add one that does.',
  },
  'participation-fit': {
    source: 'BI, advice 3; 004, point 1',
    title: (f) =>
      `“${f.name}” needs an audience of at least ${f.L.participation[f.str('needed') as keyof typeof f.L.participation].toLowerCase()}`,
    explanation: (f) =>
      `${f.L.objective[f.str('objective') as keyof typeof f.L.objective]} needs people who act, but none of your audiences is that high on the participation ladder. Readers alone will not give you ideas or speak for you.`,
    nextStep: () =>
      'Add or re-assess an audience that comments, reviews or creates – or change what the goal asks.',
  },
  'channels-exist': {
    source: '000/001: Dutta’s matrix',
    title: () => 'No channels planned',
    explanation: () =>
      'Choose channels by two questions: do you want to be personal or professional, and is the network you write for public or closed? Then place each channel on the matrix.',
    nextStep: () => 'Add the channels you use or plan to use, and place them on the matrix.',
  },
  'channel-placed': {
    source: '000/001: Dutta’s matrix',
    title: (f) =>
      f.variant === 'unplaced'
        ? `“${f.name}” is not on the matrix`
        : `“${f.name}” has no reason for its place`,
    explanation: () =>
      'Each channel belongs somewhere between personal and professional tone, and between a closed network and the public. Placing it – and saying why – makes the choice deliberate.',
    nextStep: (f) =>
      f.variant === 'unplaced'
        ? 'Drag the channel onto the matrix, or pick its quadrant.'
        : 'Write one sentence on why the channel sits where it does.',
  },
  'channel-content': {
    source: 'BI, advice 10: a channel is empty until filled',
    title: (f) => `“${f.name}” has no content plan`,
    explanation: () =>
      'Social media is not about having a page, a blog or an account. A medium is only a channel, and it has to be filled with content that is thought through, targeted and professional.',
    nextStep: () => 'Write what you will post there and how often.',
  },
  'three-decisions': {
    source: '001: Dutta’s three decisions',
    title: (f) =>
      `Not decided yet: ${f.join(f.list('missing').map((m) => f.L.decision[m as keyof typeof f.L.decision]))}`,
    explanation: () =>
      'Dutta asks for three decisions: are the goals professional or personal, do you address a closed group or the broad public, and what resources – time and will – do you actually have?',
    nextStep: () => 'Record the decisions beside the matrix, and hours per week for each person in the team.',
  },
  'decisions-vs-matrix': {
    source: '000/001: Dutta’s matrix and decisions',
    title: (f) =>
      ({
        'closed-but-public': 'You chose a closed group, but every channel is public',
        'public-but-private': 'You chose the broad public, but every channel is closed',
        'professional-but-personal': 'You chose professional goals, but every channel is personal',
        'personal-but-professional': 'You chose personal goals, but every channel is professional',
      })[f.variant ?? ''] ?? '',
    explanation: () => 'The channels on the matrix should follow from the decisions, not contradict them.',
    nextStep: () => 'Move a channel, add one that fits, or revisit the decision.',
  },
  'overlapping-networks': {
    source: 'BI, advice 8: several overlapping networks',
    title: (f) => `Every channel is on ${f.L.network[f.str('network') as keyof typeof f.L.network]}`,
    explanation: () =>
      'It is better to have several overlapping networks than one big one: in different groups you offer, and are offered, different kinds of information.',
    nextStep: () => 'Consider a second network where part of your audience meets.',
  },
  'channels-connected': {
    source: '003, practice 1: choose the right platforms',
    title: (f) =>
      f.unavailable ? "Can't check now: the connected channels" : `“${f.name}” is not connected`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme could not read the connected channels just now, so it cannot tell whether the planned channels have an account.'
        : 'The channel is in the plan, but no account is connected for publishing to it.',
    nextStep: (f) =>
      f.unavailable
        ? 'Try again later; nothing in the plan needs changing for this.'
        : 'Connect the account in Settings → Channels.',
  },
  'team-size': {
    source: '004, point 3: a team, never one person',
    title: (f) =>
      f.variant === 'org' ? 'Only one person in the organisation' : 'Only one person has a task in the plan',
    explanation: () =>
      'If only one person understands social media, your relationships suffer when they leave – and it is hard for them to carry the task alone. At the very least they need a network of peers in other companies.',
    nextStep: (f) =>
      f.variant === 'org'
        ? 'Invite at least one colleague to the team.'
        : 'Give at least one more person a responsibility in the plan.',
  },
  'leader-named': {
    source: '004, point 3: visible backing from leadership',
    title: () => 'No leader named',
    explanation: () =>
      'When the boss says it matters, it matters. The plan should say whose backing it relies on.',
    nextStep: () => 'Choose the leader whose presence and backing the plan depends on.',
  },
  'leader-backing': {
    source: '004, point 3',
    title: (f) =>
      f.variant === 'rewards'
        ? 'No word on how good results are rewarded'
        : `How does ${f.str('leader') || 'the leader'} show their backing?`,
    explanation: (f) =>
      f.variant === 'rewards'
        ? 'When the leadership rewards good results and sets goals here too, value and interest usually rise.'
        : 'Leadership should back the work, visibly. Write down how the leader shows it – in meetings, in their own posts, in what they ask about.',
    nextStep: (f) =>
      f.variant === 'rewards'
        ? 'Write how good results will be recognised.'
        : 'Describe how the leader backs the work visibly.',
  },
  'leader-own-voice': {
    source: "001: 'outsourcing doesn't count' – authenticity",
    title: (f) =>
      f.variant === 'low-will'
        ? `${f.str('leader')} is reluctant to take part`
        : `${f.str('leader')} has no time of their own in the plan`,
    explanation: () =>
      'The most important rule: social media lives on authenticity, and a PR team or an agency cannot deliver it. Do you have the time and the will to do it yourself?',
    nextStep: (f) =>
      f.variant === 'low-will'
        ? 'Talk about what would make it worthwhile, and start with a smaller, personal part.'
        : 'Give the leader a responsibility of their own, with hours per week.',
  },
  authorship: {
    source: "001: authenticity can't be outsourced",
    title: (f) =>
      f.unavailable
        ? "Can't check now: who writes the leader's posts"
        : f.variant === 'no-channel'
          ? `No connected channel is ${f.str('leader')}'s own`
          : f.variant === 'few'
            ? `Only ${f.num('own')} of ${f.str('leader')}'s ${f.num('posts')} recent posts are in their own words`
            : `All ${f.num('posts')} of ${f.str('leader')}'s posts in the last ${f.num('days')} days were written by others`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme could not read the authorship ledger just now, so it cannot tell who wrote which post.'
        : f.variant === 'no-channel'
          ? "Without an account marked as the leader's, the ledger cannot tell the leader's own words from posts written on their behalf."
          : "A leader's voice written entirely by others is not the leader's voice. Followers notice, and the trust a personal presence builds is lost.",
    nextStep: (f) =>
      f.unavailable
        ? 'Try again later; nothing in the plan needs changing for this.'
        : f.variant === 'no-channel'
          ? "Connect the leader's own account in Settings → Channels and set them as its owner."
          : 'Let the leader write some posts themselves: open the composer on their channel.',
  },

  'time-budget': {
    source: '000, risk area 3: momentum; BI, advice 7',
    title: (f) =>
      f.variant === 'thin'
        ? `${f.num('channels')} channels on ${f.num('hours')} hours a week`
        : `${f.num('posts')} posts a week on ${f.num('hours')} hours`,
    explanation: (f) =>
      f.variant === 'thin'
        ? 'Less than an hour a week per channel leaves no time for answering. Use your own and others’ time efficiently: fewer channels done well beat many done thinly.'
        : 'More posts than the time allows means posts nobody had time to think through. Quality over quantity.',
    nextStep: (f) => (f.variant === 'thin' ? 'Drop a channel or add hours.' : 'Post less, or add hours.'),
  },
  'former-members': {
    source: '004, point 3',
    title: (f) => `${f.name || 'Someone'} has left, but still has a task in the plan`,
    explanation: () =>
      'A responsibility held by someone who is no longer in the team is a responsibility nobody holds.',
    nextStep: () => 'Give the task to someone in the team, or remove it.',
  },
  'topics-out': {
    source: '000, risk area 2: what do you talk about?',
    title: () => 'No topics out of bounds',
    explanation: () =>
      'What are the topics, and what is outside what you can hold an opinion on? A remark on the wrong topic can start a storm – like the IT chief’s remarks on net neutrality.',
    nextStep: () => 'Add the topics you stay away from, with example phrases.',
  },
  'topics-in': {
    source: 'BI, advice 10: it is about content',
    title: () => 'No topics you talk about',
    explanation: () =>
      'Companies with nothing to say, and leaders with nothing on their mind, fall short now as before. Decide what you talk about.',
    nextStep: () => 'Add the topics you want to be known for, with example phrases.',
  },
  'topic-examples': {
    source: 'BI, advice 6: simple rules of thumb',
    title: (f) => `“${f.name}” has no example phrases`,
    explanation: () =>
      'Examples turn a topic into a rule of thumb people can use – and let Stemme check drafts against it later.',
    nextStep: () => 'Add two or three phrases that show what the topic looks like in practice.',
  },
  'not-appear': {
    source: 'BI, advice 5: be professional',
    title: () => 'Nothing on how you do not want to appear',
    explanation: () =>
      'Chance and thoughtlessness must not decide how you are seen. Focus not only on how you want to appear, but on how you do not.',
    nextStep: () => 'Write how you do not want to come across.',
  },
  offensive: {
    source: '003, practice 2: offensive presence',
    title: (f) => (f.variant === 'vision' ? 'No vision written down' : 'No key messages'),
    explanation: () =>
      'Social leaders combine a defensive presence, protecting the brand, with an offensive one: they articulate a vision.',
    nextStep: (f) =>
      f.variant === 'vision'
        ? 'Write the vision you want to articulate.'
        : 'Add the three to five messages you want to carry.',
  },
  defensive: {
    source: '003, practice 2; BI, advice 4',
    title: () => 'No names or brands to protect',
    explanation: () =>
      'A defensive presence protects the brand. Monitor the image you project: write down the names, brands and products to watch.',
    nextStep: () => 'Add the names and brands you protect.',
  },
  'leader-name-watched': {
    source: '000/001: the net-neutrality storm; BI, advice 4',
    title: (f) => `${f.str('leader')}'s own name is not on the watch list`,
    explanation: () =>
      'An IT chief spoke about net neutrality at a university; the storm online passed both him and his communications team by. Not being present does not stop the discussion about you.',
    nextStep: (f) => `Add “${f.str('leader')}” to the names you watch.`,
  },
  monitors: {
    source: '000/001: the net-neutrality storm',
    title: (f) =>
      f.unavailable
        ? "Can't check now: Stemme could not read the monitors"
        : f.variant === 'leader'
          ? `No monitor covers ${f.str('leader')}'s own name`
          : f.variant === 'leader-paused'
            ? `The monitor covering ${f.str('leader')}'s name is paused`
            : f.variant === 'term-paused'
              ? `The monitor covering “${f.str('term')}” is paused`
              : `No monitor covers “${f.str('term')}”`,
    explanation: (f) =>
      f.unavailable
        ? 'Until the monitors can be read, Stemme cannot tell whether anyone hears what is said about you.'
        : f.variant?.endsWith('paused')
          ? `“${f.str('monitor')}” would catch it, but it is switched off. A storm can grow in the hours nobody listens.`
          : 'A name is only watched when a monitor’s query catches it. You have to listen: the discussion goes on whether you are there or not – a remark at a university talk can become a storm overnight.',
    nextStep: (f) =>
      f.unavailable
        ? 'Try again later; nothing in the plan needs changing for this.'
        : f.variant?.endsWith('paused')
          ? 'Switch the monitor back on.'
          : 'Create a monitor for it – the query is filled in for you.',
  },

  signals: {
    source: '003, practice 4: scout signals',
    title: () => 'No competitors or thought leaders to scout',
    explanation: () =>
      'Social leaders use social media to scout signals about competitors, thought leaders and possible acquisitions.',
    nextStep: () => 'Add the competitors and thought leaders you want to follow.',
  },
  'channel-activity': {
    source: '002, advice 10: a channel is empty until it is filled',
    title: (f) =>
      f.unavailable
        ? "Can't check now: what went out on the planned channels"
        : f.variant === 'behind'
          ? `${f.name}: ${f.num('actual')} posts a week, ${f.num('planned')} planned`
          : `${f.name}: nothing published in ${f.num('weeks')} weeks and nothing scheduled`,
    explanation: (f) =>
      f.unavailable
        ? 'Stemme could not read what was published, so it cannot tell whether the channels are being filled.'
        : f.variant === 'behind'
          ? 'The plan promised more than the channel gets. Either the plan is too ambitious for the time you have, or the channel is slipping.'
          : 'A channel is empty until it is filled. A channel that has gone quiet tells its followers that nobody is there.',
    nextStep: (f) =>
      f.unavailable
        ? 'Try again later; nothing in the plan needs changing for this.'
        : f.variant === 'behind'
          ? 'Schedule the posts the plan promised – or lower posts per week in the plan.'
          : 'Write and schedule a post for this channel – or drop it from the plan.',
  },
  'guidelines-published': {
    source: '004, point 2; BI, advice 6: make guidelines',
    title: (f) => (f.unavailable ? "Can't check now: the guidelines" : 'No guidelines have been published'),
    explanation: (f) =>
      f.unavailable
        ? 'Stemme could not read the guidelines just now.'
        : 'The people who are your face online are confident when they know what is expected of them. Good guidelines say what you want to achieve and what to watch out for – and are written together with those who will follow them, not handed down.',
    nextStep: (f) =>
      f.unavailable
        ? 'Try again later.'
        : 'Start a proposal from the template, let the team comment, and publish the first version.',
  },
  'guidelines-acknowledged': {
    source: '004, point 2: guidelines written together',
    title: (f) =>
      `${f.num('count')} of ${f.num('members')} members have not acknowledged guidelines version ${f.num('version')}`,
    explanation: (f) =>
      `Not yet acknowledged: ${f.join(f.list('names'))}. Guidelines only help those who know them.`,
    nextStep: () => 'Remind them, or talk the current version through at the next team meeting.',
  },
  'topics-enforced': {
    source: '000, risk area 2; 004, point 2',
    title: (f) =>
      f.unavailable
        ? "Can't check now: the guideline rules"
        : 'The out-of-bounds topics are not in the draft checker',
    explanation: (f) =>
      f.unavailable
        ? 'Stemme could not read the guideline rules just now.'
        : `The plan puts ${f.join(f.list('topics'))} out of bounds, but no guideline rule names a phrase to watch for, so a draft that strays there passes without a word.`,
    nextStep: (f) =>
      f.unavailable ? 'Try again later.' : 'Add banned phrases for these topics to the guideline rules.',
  },
};
