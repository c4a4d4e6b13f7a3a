// The publishing API's shapes as the Publish area reads them (src/publishing/routes.ts, posts.ts, channels.ts).
import type { GuidelineHit } from '../../../../src/guidelines/check.ts';
import type { NetworkLimits, Problem } from '../../../../src/networks/types.ts';

export type { GuidelineHit, NetworkLimits, Problem };

export interface Person {
  id: string;
  name: string;
}

export interface PublishChannel {
  id: string;
  network: string;
  networkLabel: string;
  name: string;
  handle: string;
  accountUrl: string;
  status: 'active' | 'reconnect_needed' | 'disconnected' | string;
  statusReason: string | null;
  ownerUserId: string | null;
  limits: NetworkLimits | null;
}

export type TargetStatus = 'scheduled' | 'publishing' | 'published' | 'failed' | 'cancelled' | 'deleted';
export type Authorship = 'own_words' | 'on_behalf' | 'organisation';

export const POST_STATES = [
  'draft',
  'pending_approval',
  'changes_requested',
  'scheduled',
  'published',
  'partly_failed',
  'failed',
  'cancelled',
] as const;
export type PostState = (typeof POST_STATES)[number];

export interface Attempt {
  id: string;
  number: number;
  outcome?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  errorClass?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  [key: string]: unknown;
}

export interface Target {
  id: string;
  postId: string;
  channelId: string;
  channelName: string;
  network: string;
  handle: string;
  status: TargetStatus;
  dueAt: string | null;
  attempts: number;
  remoteId: string | null;
  remoteUrl: string | null;
  publishedAt: string | null;
  late: boolean;
  errorClass: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  authorship: Authorship;
  publishedOnHandle: string | null;
  deletedAt: string | null;
  variant: { parts: { text: string; mediaIds?: string[] }[] } | null;
  history?: Attempt[];
}

export interface ApprovalComment {
  id: string;
  author: Person | null;
  kind: 'comment' | 'sent_back' | 'approved' | 'submitted';
  text: string;
  createdAt: string;
}

export interface Post {
  id: string;
  text: string;
  thread: boolean;
  scheduledAt: string | null;
  /** New in this session; derived from the targets when an older server leaves it out. */
  state?: PostState;
  writtenBy: Person | string | null;
  createdBy: Person | string | null;
  approval?: {
    required: boolean;
    approvedBy: Person | null;
    approvedAt: string | null;
    comments: ApprovalComment[];
  };
  guidelineHits?: GuidelineHit[];
  /** The per-channel edits as the author made them (the rest follow the shared text). */
  variants?: { channelId: string; parts: string[] }[];
  channelIds?: string[];
  createdAt: string;
  media?: { id: string; mimeType: string; alt: string; size: number }[];
  targets: Target[];
}

export interface ChannelPreview {
  channelId: string;
  network: string;
  limits: NetworkLimits;
  variant: { parts: { text: string; images: number }[] };
  problems: Problem[];
}

export interface PreviewResponse {
  channels: ChannelPreview[];
  guidelineHits?: GuidelineHit[];
}

export interface LedgerEntry {
  postId: string;
  targetId: string;
  channel: { id: string; name: string; network: string };
  handle: string;
  text: string;
  writtenBy: Person | null;
  approvedBy: Person | null;
  createdBy: Person | null;
  authorship: Authorship;
  status: TargetStatus;
  publishedAt: string | null;
  remoteUrl: string | null;
}

export interface Slot {
  weekday: number;
  time: string;
}

export interface MemberLite {
  userId: string;
  name: string;
  role: string;
}

/** The post's state: the server's when it sends one, else read from its targets (older servers). */
export function stateOf(post: Post): PostState {
  if (post.state) return post.state;
  const live = post.targets.filter((t) => t.status !== 'cancelled' && t.status !== 'deleted');
  if (live.length === 0) return post.targets.length ? 'cancelled' : 'draft';
  const failed = live.filter((t) => t.status === 'failed').length;
  const published = live.filter((t) => t.status === 'published').length;
  if (failed === live.length) return 'failed';
  if (failed > 0) return 'partly_failed';
  if (published === live.length) return 'published';
  return 'scheduled';
}

export function personName(value: Person | string | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? undefined : value.name;
}

export function personId(value: Person | string | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}

/** While no target is publishing or published, the post can still be changed. */
export function isEditable(post: Post): boolean {
  return !post.targets.some((t) => t.status === 'publishing' || t.status === 'published');
}

/** The time the post is shown at: its schedule, else the earliest target's due time, else its creation. */
export function whenOf(post: Post): string {
  return (
    post.scheduledAt ??
    post.targets.map((t) => t.dueAt).filter((d): d is string => Boolean(d))[0] ??
    post.createdAt
  );
}
