import type { CatalogCampaign, ReportRequest } from '@charte/contract';
import { useFetchClient } from '@strapi/admin/strapi-admin';
import { useMutation, useQuery } from '@tanstack/react-query';
import { fileNameFrom, saveBlob } from '../lib/download';

const BASE = '/charte-admin/reports';

export const reportKeys = { catalog: ['charte-admin', 'reports', 'catalog'] as const };

export function useReportCatalog() {
  const { get } = useFetchClient();
  return useQuery({
    queryKey: reportKeys.catalog,
    queryFn: async () => (await get<{ data: CatalogCampaign[] }>(BASE)).data.data,
  });
}

/** Shaped like the admin's FetchError, so that errorMessage() reads the server's French message. */
class DownloadError extends Error {
  constructor(
    readonly status: number,
    readonly response?: { data: unknown },
  ) {
    super(`Download failed (${status})`);
  }
}

/** The PDF comes as a blob with the admin token, then goes to the browser under the server's name. */
export function useReportDownload() {
  const { get } = useFetchClient();
  return useMutation({
    mutationFn: async ({ kind, campaign, service, draft }: ReportRequest) => {
      const params: Record<string, string> = { campaign };
      if (service) params.service = service;
      if (draft) params.draft = 'true';
      const response = await get(`${BASE}/${kind}`, { params, responseType: 'blob', validateStatus: () => true });
      if (response.status !== undefined && response.status >= 400) {
        let data: unknown;
        try {
          data = JSON.parse(await (response.data as Blob).text());
        } catch {
          data = undefined;
        }
        throw new DownloadError(response.status, data ? { data } : undefined);
      }
      const name = fileNameFrom(response.headers?.get('Content-Disposition') ?? null) ?? 'rapport.pdf';
      saveBlob(response.data as Blob, name);
      return name;
    },
  });
}
