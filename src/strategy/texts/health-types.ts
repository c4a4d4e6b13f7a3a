// The shape of the health check's words in one language, and what a message may read from its finding.
import type { CheckId } from '../health/types.ts';
import type { Labels } from './labels.ts';

/** What a message can use: the finding's subject, variant and parameters, formatted for the language. */
export interface TextInput {
  variant: string | undefined;
  unavailable: boolean;
  /** The subject's name: a goal's title, an audience's name, a channel's handle. */
  name: string;
  str(key: string): string;
  /** A number formatted for the language. */
  num(key: string): string;
  /** A date parameter (YYYY-MM-DD) formatted for the language. */
  date(key: string): string;
  list(key: string): readonly string[];
  join(items: readonly string[]): string;
  L: Labels;
}

type Text = (f: TextInput) => string;

export interface CheckText {
  /** Where the advice comes from in the seeds, e.g. "BI, advice 2" or "004, point 3". */
  source: string;
  title: Text;
  explanation: Text;
  nextStep: Text;
}

export type HealthTexts = Record<CheckId, CheckText>;
