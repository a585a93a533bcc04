import type { ImportResult, Preview, ReferentialSummary, SpreadsheetFormat } from '@charte/contract';
import { useFetchClient } from '@strapi/admin/strapi-admin';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveBlob, fileNameFrom } from '../lib/download';

const BASE = '/charte-admin/referentials';

export const referentialKeys = {
  all: ['charte-admin', 'referentials'] as const,
  list: () => [...referentialKeys.all, 'list'] as const,
};

export function useReferentials() {
  const { get } = useFetchClient();
  return useQuery({
    queryKey: referentialKeys.list(),
    queryFn: async ({ signal }) => {
      const response = await get<{ data: ReferentialSummary[] }>(BASE, { signal });
      return response.data.data;
    },
  });
}

function fileBody(file: File): FormData {
  const body = new FormData();
  body.append('file', file, file.name);
  return body;
}

export function usePreviewImport() {
  const { post } = useFetchClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const response = await post<{ data: Preview }, FormData>(`${BASE}/import/preview`, fileBody(file));
      return response.data.data;
    },
  });
}

export function useApplyImport() {
  const { post } = useFetchClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const response = await post<{ data: ImportResult }, FormData>(`${BASE}/import`, fileBody(file));
      return response.data.data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referentialKeys.all }),
  });
}

/** Shaped like the admin's FetchError, so that errorMessage() reads Strapi's French message. */
class DownloadError extends Error {
  constructor(
    readonly status: number,
    readonly response?: { data: unknown },
  ) {
    super(`Download failed (${status})`);
  }
}

async function downloadError(status: number, body: Blob): Promise<DownloadError> {
  try {
    return new DownloadError(status, { data: JSON.parse(await body.text()) as unknown });
  } catch {
    return new DownloadError(status);
  }
}

export interface DownloadRequest {
  /** Absent: the empty template. */
  documentId?: string;
  format: SpreadsheetFormat;
  /** Used when the server sends no file name. */
  fallbackName: string;
}

/** Files come as a blob with the admin token, then are handed to the browser under the server's name. */
export function useDownload() {
  const { get } = useFetchClient();
  return useMutation({
    mutationFn: async ({ documentId, format, fallbackName }: DownloadRequest) => {
      const path = documentId ? `${BASE}/${encodeURIComponent(documentId)}/export` : `${BASE}/template`;
      // Every status is let through so that the JSON error of a failed download can be read.
      const response = await get(path, { params: { format }, responseType: 'blob', validateStatus: () => true });
      if (response.status !== undefined && response.status >= 400) throw await downloadError(response.status, response.data);
      const name = fileNameFrom(response.headers?.get('Content-Disposition') ?? null) ?? `${fallbackName}.${format}`;
      saveBlob(response.data, name);
      return name;
    },
  });
}
