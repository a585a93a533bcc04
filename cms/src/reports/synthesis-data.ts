import type { Core } from '@strapi/strapi';
import { campaignServices, findCampaign, FINAL_STATES, previousCampaign, serviceRates, themeRates, type CampaignInfo } from './report-queries';

export interface SynthesisData {
  campaign: CampaignInfo;
  previous: CampaignInfo | null;
  draft: boolean;
  services: { id: number; name: string; slug: string; rate: number | null; previousRate: number | null }[];
  themes: { code: string; title: string }[];
  /** rates[serviceId][themeCode] */
  rates: Map<number, Map<string, number | null>>;
  previousRates: Map<number, Map<string, number | null>>;
}

function byServiceAndTheme(rows: { serviceId: number; themeCode: string; rate: number | null }[]) {
  const map = new Map<number, Map<string, number | null>>();
  for (const r of rows) {
    if (!map.has(r.serviceId)) map.set(r.serviceId, new Map());
    map.get(r.serviceId)!.set(r.themeCode, r.rate);
  }
  return map;
}

/**
 * All the campaign's services compared per theme and, when an earlier campaign of the same
 * référentiel exists, each rate beside the earlier one. Same content rule as the service report.
 */
export async function synthesisData(strapi: Core.Strapi, request: { campaignId: string; draft: boolean }): Promise<SynthesisData> {
  const campaign = await findCampaign(strapi, request.campaignId);
  const previous = await previousCampaign(strapi, campaign);
  const states = request.draft ? null : FINAL_STATES;
  const services = await campaignServices(strapi, campaign.id);
  const serviceIds = services.map((s) => s.id);
  const current = await themeRates(strapi, campaign.id, { serviceIds, states });
  const earlier = previous ? await themeRates(strapi, previous.id, { serviceIds, states }) : [];
  const overall = await serviceRates(strapi, campaign.id, states);
  const overallBefore = previous ? await serviceRates(strapi, previous.id, states) : new Map<number, number | null>();
  const themes = new Map<string, { code: string; title: string; order: number }>();
  for (const r of [...current, ...earlier]) if (!themes.has(r.themeCode)) themes.set(r.themeCode, { code: r.themeCode, title: r.themeTitle, order: r.themeOrder });
  return {
    campaign,
    previous,
    draft: request.draft,
    services: services.map((s) => ({ ...s, rate: overall.get(s.id) ?? null, previousRate: overallBefore.get(s.id) ?? null })),
    themes: [...themes.values()].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code)).map(({ code, title }) => ({ code, title })),
    rates: byServiceAndTheme(current),
    previousRates: byServiceAndTheme(earlier),
  };
}
