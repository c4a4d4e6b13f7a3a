// The plan being worked on, shared by every section: the document, who may edit, writes that reload it, and the
// health check that follows each change.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { ApiData } from '../../useApiData.ts';
import { useApiData } from '../../useApiData.ts';
import type { HealthReport, PlanDocument } from './types.ts';

export interface PlanApi {
  doc: PlanDocument;
  planId: string;
  canEdit: boolean;
  /** Writes, then reloads the plan; rejects with the server's error for the form to show. */
  write: <T = unknown>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => Promise<T>;
  health: ApiData<HealthReport>;
  /** `?plan=<id>` for a personal plan, nothing for the organisation's: for links inside the workspace. */
  planQuery: string;
}

const PlanContext = createContext<PlanApi | undefined>(undefined);

export function PlanProvider({
  data,
  canEdit,
  children,
}: {
  data: ApiData<PlanDocument> & { data: PlanDocument };
  canEdit: boolean;
  children: ReactNode;
}) {
  const { i18n } = useTranslation();
  const doc = data.data;
  const planId = doc.plan.id;
  const health = useApiData<HealthReport>(
    `/api/strategy/plans/${encodeURIComponent(planId)}/health?locale=${encodeURIComponent(i18n.language)}`,
  );
  const reloadHealth = health.reload;
  const [lastSeen, setLastSeen] = useState(doc.plan.updatedAt);
  // Every change to the plan re-runs the health check, so a fixed finding disappears without asking.
  useEffect(() => {
    if (doc.plan.updatedAt !== lastSeen) {
      setLastSeen(doc.plan.updatedAt);
      reloadHealth();
    }
  }, [doc.plan.updatedAt, lastSeen, reloadHealth]);

  const reload = data.reload;
  const write = useCallback(
    async <T,>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> => {
      const result =
        method === 'DELETE'
          ? await api.delete<T>(path)
          : method === 'POST'
            ? await api.post<T>(path, body ?? {})
            : await api.patch<T>(path, body ?? {});
      reload();
      return result;
    },
    [reload],
  );

  const value = useMemo(
    () => ({
      doc,
      planId,
      canEdit,
      write,
      health,
      planQuery: doc.plan.personUserId ? `?plan=${encodeURIComponent(planId)}` : '',
    }),
    [doc, planId, canEdit, write, health],
  );
  return <PlanContext.Provider value={value}>{children}</PlanContext.Provider>;
}

export function usePlan(): PlanApi {
  const ctx = useContext(PlanContext);
  if (!ctx) throw new Error('usePlan outside PlanProvider');
  return ctx;
}

/** A form's local copy of a row: edited freely, saved on demand, and compared to know whether it changed. */
export function useDraft<T extends object>(initial: T) {
  const [draft, setDraft] = useState(initial);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const set = useCallback(
    <K extends keyof T>(key: K, value: T[K]) => setDraft((d) => ({ ...d, [key]: value })),
    [],
  );
  return { draft, set, dirty, reset: () => setDraft(initial) };
}

/** A number as people in this language write it in a field: 1,5 in Norwegian, 1.5 in English; '' for none. */
export function numberText(value: number | null, locale: string): string {
  if (value === null) return '';
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 6 }).format(value);
}

/** "12,5" or "12.5" → 12.5; empty → null; anything else → undefined (invalid). */
export function parseNumber(text: string): number | null | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
