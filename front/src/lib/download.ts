import { useMutation } from '@tanstack/react-query';
import { downloadFile } from './api-client';

/** Downloads a server export with the session's token; errors come back in French. */
export function useDownload() {
  return useMutation({
    mutationFn: ({ path, fallbackName }: { path: string; fallbackName: string }) => downloadFile(path, fallbackName),
  });
}
