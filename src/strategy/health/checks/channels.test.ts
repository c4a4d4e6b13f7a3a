// One test per check on channels, the matrix and the three decisions.
import { describe, expect, it } from 'vitest';
import { emptySnapshot, healthySnapshot, healthyWith } from '../fixtures.ts';
import {
  checkChannelActivity,
  checkChannelContent,
  checkChannelPlaced,
  checkChannelsConnected,
  checkChannelsExist,
  checkDecisionsVsMatrix,
  checkOverlappingNetworks,
  checkThreeDecisions,
} from './channels.ts';

describe('channels-exist (000/001)', () => {
  it('warns when no channel is planned', () => {
    expect(checkChannelsExist(emptySnapshot())).toMatchObject([{ severity: 'warning' }]);
    expect(checkChannelsExist(healthySnapshot())).toEqual([]);
  });
});

describe('channel-placed (000/001)', () => {
  it('finds channels off the matrix, then placed channels without a reason', () => {
    const s = healthyWith((s) => {
      s.channels[0]!.x = null;
      s.channels[0]!.y = null;
      s.channels[1]!.reason = '';
    });
    expect(checkChannelPlaced(s)).toMatchObject([
      { variant: 'unplaced', subject: { id: 'c1' }, fix: { anchor: 'channel-c1' } },
      { variant: 'no-reason', subject: { id: 'c2' } },
    ]);
    expect(checkChannelPlaced(healthySnapshot())).toEqual([]);
  });
});

describe('channel-content (BI, advice 10)', () => {
  it('finds channels without a content plan', () => {
    const s = healthyWith((s) => (s.channels[0]!.contentPlan = ' '));
    expect(checkChannelContent(s)).toMatchObject([{ subject: { id: 'c1', name: '@fjellvind.no' } }]);
    expect(checkChannelContent(healthySnapshot())).toEqual([]);
  });
});

describe('three-decisions (001)', () => {
  it('lists the decisions not made, with resources meaning hours written down for members', () => {
    expect(checkThreeDecisions(emptySnapshot())).toMatchObject([
      {
        params: { missing: ['goals', 'audience', 'resources'] },
        fix: { section: 'channels', anchor: 'decisions' },
      },
    ]);
    const s = healthyWith((s) => {
      for (const r of s.responsibilities) r.isMember = false;
    });
    expect(checkThreeDecisions(s)).toMatchObject([
      { params: { missing: ['resources'] }, fix: { section: 'team' } },
    ]);
    expect(checkThreeDecisions(healthySnapshot())).toEqual([]);
  });
});

describe('decisions-vs-matrix (000/001)', () => {
  it('notices when every placed channel contradicts a decision', () => {
    const s = healthyWith((s) => {
      s.plan.reach = 'closed';
      s.plan.goalOrientation = 'personal';
      for (const c of s.channels) c.x = 0.9;
    });
    expect(checkDecisionsVsMatrix(s).map((f) => f.variant)).toEqual([
      'closed-but-public',
      'personal-but-professional',
    ]);
    s.channels[0]!.y = 0.2;
    s.channels[0]!.x = 0.1;
    expect(checkDecisionsVsMatrix(s)).toEqual([]);
    expect(checkDecisionsVsMatrix(healthySnapshot())).toEqual([]);
  });
});

describe('overlapping-networks (BI, advice 8)', () => {
  it('warns when every channel is on one network', () => {
    const s = healthyWith((s) => (s.channels[1]!.network = 'bluesky'));
    expect(checkOverlappingNetworks(s)).toMatchObject([{ params: { network: 'bluesky' } }]);
    expect(checkOverlappingNetworks(healthySnapshot())).toEqual([]);
  });
});

describe('channels-connected (degrades without Publishing)', () => {
  it('says it cannot check while nothing can be connected', () => {
    expect(checkChannelsConnected(emptySnapshot())).toMatchObject([
      { severity: 'info', unavailable: true, fix: { area: 'publish' } },
    ]);
  });
  it('matches handles with or without @, and names channels without an account', () => {
    expect(checkChannelsConnected(healthySnapshot())).toEqual([]);
    const s = healthyWith(
      (s) =>
        (s.signals.connectedChannels = [
          {
            id: 'k',
            network: 'bluesky',
            handle: '@FJELLVIND.no',
            ownerUserId: null,
            recentPosts: 1,
            scheduledPosts: 0,
          },
        ]),
    );
    expect(checkChannelsConnected(s)).toMatchObject([{ subject: { id: 'c2' }, fix: { area: 'settings' } }]);
  });
});

describe('channel-activity (002, advice 10: a channel is empty until filled)', () => {
  it('says it cannot check without Publishing data', () => {
    expect(checkChannelActivity(emptyWithChannel())).toMatchObject([{ unavailable: true }]);
  });
  it('warns about a connected planned channel with nothing published lately and nothing scheduled', () => {
    expect(checkChannelActivity(healthySnapshot())).toEqual([]);
    const s = healthyWith((s) => {
      s.signals.connectedChannels![1]!.recentPosts = 0;
      s.signals.connectedChannels![1]!.scheduledPosts = 0;
    });
    expect(checkChannelActivity(s)).toMatchObject([
      {
        severity: 'warning',
        variant: 'empty',
        subject: { id: 'c2' },
        params: { weeks: 4 },
        fix: { path: '/publish/compose?channel=c2' },
      },
    ]);
    // Something scheduled is a channel being filled.
    s.signals.connectedChannels![1]!.scheduledPosts = 1;
    expect(checkChannelActivity(s)).toEqual([]);
  });
  it('advises when far fewer posts went out than the plan promised; unconnected channels are left alone', () => {
    const s = healthyWith((s) => {
      s.signals.connectedChannels![0]!.recentPosts = 6;
      s.signals.connectedChannels![0]!.scheduledPosts = 0;
      s.signals.connectedChannels!.splice(1, 1);
    });
    expect(checkChannelActivity(s)).toMatchObject([
      { severity: 'info', variant: 'behind', subject: { id: 'c1' }, params: { planned: 5, actual: 1.5 } },
    ]);
  });
});

function emptyWithChannel() {
  const s = emptySnapshot();
  s.channels = healthySnapshot().channels;
  return s;
}
