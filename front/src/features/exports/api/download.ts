import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/api-client';

/** Downloads a server export with the session's token; errors come back in French. */
export function useDownload() {
  return useMutation({
    mutationFn: ({ path, fallbackName }: { path: string; fallbackName: string }) => downloadFile(path, fallbackName),
  });
}

/** A query string from the filters that are set. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  return search.size ? `?${search}` : '';
}
