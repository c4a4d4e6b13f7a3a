// Form problems kept as translation keys, not strings, so they follow a language switch while on screen.
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';
import { errorText } from './errors.ts';

type ProblemKey =
  | 'validation.required'
  | 'validation.email'
  | 'validation.passwordTooShort'
  | 'validation.passwordMismatch'
  | 'errors.accountExistsShort'
  | 'errors.emailMismatch';

export type Problem = { key: ProblemKey; count?: number } | { text: string };
export type Problems = Record<string, Problem>;

export const required: Problem = { key: 'validation.required' };
export const badEmail: Problem = { key: 'validation.email' };
export const mismatch: Problem = { key: 'validation.passwordMismatch' };
export const tooShort = (count: number): Problem => ({ key: 'validation.passwordTooShort', count });

export const looksLikeEmail = (value: string) => /^\S+@\S+\.\S+$/.test(value);

export function problemText(t: TFunction, problem: Problem | undefined): string | undefined {
  if (!problem) return undefined;
  if ('text' in problem) return problem.text;
  return problem.count === undefined ? t(problem.key) : t(problem.key, { count: problem.count });
}

/** The server's field messages are short English fragments ("is required"); the common ones are translated. */
function fromServer(message: string): Problem {
  if (message === 'is required') return required;
  if (message === 'must be an email address') return badEmail;
  const short = /^must be at least (\d+) characters$/.exec(message);
  if (short) return tooShort(Number(short[1]));
  if (message.startsWith('an account with this email exists')) return { key: 'errors.accountExistsShort' };
  if (message.startsWith('this invitation is for')) return { key: 'errors.emailMismatch' };
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return { text: /[.!?]$/.test(sentence) ? sentence : `${sentence}.` };
}

/** Field problems from an error reply's `details.fields`. */
export function serverProblems(err: unknown): Problems {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(Object.entries(err.fields).map(([name, message]) => [name, fromServer(message)]));
}

/** A copy of the problems without one field: used when the person edits that field. */
export function without(problems: Problems, field: string): Problems {
  if (!(field in problems)) return problems;
  const { [field]: _removed, ...rest } = problems;
  return rest;
}

/** A form's field problems and its overall failure, rendered in the current language. */
export function useProblems() {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<unknown>();
  return {
    /** Replaces the client-side problems; returns true when there are none. */
    check: (found: Problems) => {
      setFailure(undefined);
      setProblems(found);
      return Object.keys(found).length === 0;
    },
    error: (field: string) => problemText(t, problems[field]),
    edited: (field: string) => setProblems((p) => without(p, field)),
    failureText: failure === undefined ? undefined : errorText(t, failure),
    fail: (err: unknown) => {
      setProblems(serverProblems(err));
      setFailure(err);
    },
    clearFailure: () => setFailure(undefined),
  };
}
