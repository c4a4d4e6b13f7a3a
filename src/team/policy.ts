// What each role may do: one table, read by every route through `can(role, action)`.
import type { Role } from './schema.ts';

export const ACTIONS = {
  /** See the organisation's work: every member. */
  'org.read': ['admin', 'editor', 'approver', 'viewer'],
  'team.manage': ['admin'],
  'settings.manage': ['admin'],
  'audit.read': ['admin'],
  'jobs.manage': ['admin'],
  /** Write and schedule content (publishing, strategy). */
  'content.write': ['admin', 'editor'],
  'content.approve': ['admin', 'approver'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export function can(role: Role | null, action: Action): boolean {
  return role !== null && (ACTIONS[action] as readonly Role[]).includes(role);
}
