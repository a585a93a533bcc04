import { useMutation } from '@tanstack/react-query';
import { apiDownload } from '../../../lib/api-client';

/** Saves a blob under a name, through a temporary link (the browser's own download). */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a server export with the session's token; errors come back in French. */
export function useDownload() {
  return useMutation({
    mutationFn: async ({ path, fallbackName }: { path: string; fallbackName: string }) => {
      const { blob, filename } = await apiDownload(path);
      save(blob, filename ?? fallbackName);
      return filename ?? fallbackName;
    },
  });
}

/** A query string from the filters that are set. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  return search.size ? `?${search}` : '';
}
