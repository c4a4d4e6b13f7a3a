// Shapes of the guidelines API as the UI reads them (dates arrive as ISO strings).
import type { GuidelineHit } from '../../../../src/guidelines/check.ts';
import type { GuidelineSection, RuleKind, RuleParams, Severity } from '../../../../src/guidelines/schema.ts';

export type { GuidelineHit, GuidelineSection, RuleKind, RuleParams, Severity };

export const RULE_KINDS: RuleKind[] = ['banned_phrase', 'disclosure', 'caps', 'exclamations', 'frequency'];

export interface DiffLine {
  op: 'same' | 'add' | 'remove';
  text: string;
}

export interface Version {
  number: number;
  sections: GuidelineSection[];
  summary: string;
  publishedAt: string;
  publishedBy: string | null;
  proposedBy: string | null;
  proposalId: string | null;
}

export interface VersionWithDiff extends Version {
  diff: DiffLine[];
}

export interface Overview {
  current: Version | null;
  acknowledged: boolean;
  acknowledgedAt: string | null;
  openProposals: number;
}

export interface VersionSummary {
  number: number;
  summary: string;
  publishedAt: string;
  publishedBy: string | null;
  proposedBy: string | null;
}

export interface ProposalSummary {
  id: string;
  title: string;
  summary: string;
  status: 'open' | 'published' | 'withdrawn';
  baseVersion: number | null;
  publishedVersion: number | null;
  createdBy: string | null;
  createdAt: string;
  comments: number;
}

export interface Proposal {
  id: string;
  title: string;
  summary: string;
  sections: GuidelineSection[];
  status: 'open' | 'published' | 'withdrawn';
  baseVersion: number | null;
  publishedVersion: number | null;
  currentVersion: number | null;
  stale: boolean;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
  comments: {
    id: string;
    body: string;
    sectionKey: string | null;
    author: string | null;
    createdAt: string;
  }[];
  diff: DiffLine[];
}

export interface Rule {
  id: string;
  kind: RuleKind;
  severity: Severity;
  sectionKey: string | null;
  params: RuleParams;
  note: string;
  createdAt: string;
}

export interface Acknowledgements {
  version: number | null;
  members: { userId: string; name: string; email: string; acknowledgedAt: string | null }[];
  acknowledged: number;
  total: number;
}

/** Tells the banner and the page that the signed-in member's acknowledgement changed. */
export const ACK_EVENT = 'stemme:guidelines-ack';
