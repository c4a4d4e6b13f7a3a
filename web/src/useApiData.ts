// Loads one API resource for a screen: data, error, loading, and a reload after changes.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api.ts';

export interface ApiData<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export function useApiData<T>(path: string | null): ApiData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (path === null) return;
    // The generation counter is read so that reload() re-runs this effect.
    void generation;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api
      .get<T>(path, { signal: controller.signal })
      .then((value) => {
        setData(value);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err), {}));
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
