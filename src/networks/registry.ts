// Every network Stemme can publish to, by id. Channels store the id; code looks the kind up here and never
// branches on it.
import { blueskyKind } from './bluesky/network.ts';
import type { NetworkKind } from './kind.ts';
import { mastodonKind } from './mastodon/network.ts';
import { sandboxKind } from './sandbox/network.ts';

export type NetworkRegistry = ReadonlyMap<string, NetworkKind>;

export const NETWORK_IDS = ['sandbox', 'bluesky', 'mastodon'] as const;
export type NetworkId = (typeof NETWORK_IDS)[number];

export const defaultNetworks: NetworkRegistry = new Map<string, NetworkKind>([
  [sandboxKind.id, sandboxKind],
  [blueskyKind.id, blueskyKind],
  [mastodonKind.id, mastodonKind],
]);
