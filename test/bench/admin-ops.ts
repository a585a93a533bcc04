import type pg from 'pg';
import { writeWorkbook } from '../../cms/src/referential/write-workbook';
import type { ReferentialLibrary } from '../../cms/src/referential/library-format';
import { bearer } from './accounts';

/** A 1,000-criterion référentiel: 10 themes of 100 criteria, one indicator every fourth criterion, every service concerned. */
export function largeLibrary(criteria = 1000, themes = 10): ReferentialLibrary {
  const perTheme = Math.ceil(criteria / themes);
  return {
    referential: { code: 'banc-essai-1000', name: `Référentiel du banc d’essai (${criteria} engagements)`, version: '1', source: 'local', description: 'Généré par npm run bench.' },
    themes: Array.from({ length: themes }, (_, t) => ({
      code: `T${t + 1}`,
      title: `Thème ${t + 1} : qualité de l’accueil, volet ${t + 1}`,
      order: t + 1,
      criteria: Array.from({ length: Math.min(perTheme, criteria - t * perTheme) }, (_, c) => {
        const n = t * perTheme + c + 1;
        return {
          code: `E${String(n).padStart(4, '0')}`,
          title: `Engagement ${n} : l’usager reçoit une réponse claire et dans les délais annoncés`,
          description: `Description de l’engagement ${n}, telle qu’un référentiel réel la formule, en une ou deux phrases.`,
          guidance: 'Vérifier sur un échantillon de dix demandes du trimestre.',
          expectedEvidence: ['Registre des demandes', 'Modèles de courrier'],
          weight: 1 + (n % 3),
          services: [],
          indicators:
            n % 4 === 0
              ? [{ code: `I${String(n).padStart(4, '0')}`, name: `Taux de réponse dans les délais (${n})`, unit: 'pourcentage' as const, target: 90, direction: 'higher' as const, frequency: 'trimestrielle' as const }]
              : [],
        };
      }),
    })),
  };
}

export interface ImportResult {
  ms: number;
  bytes: number;
  criteria: number;
  report: unknown;
}

/** The admin panel's import (POST /charte-admin/referentials/import, multipart « file »), timed from send to answer. */
export async function importReferential(baseUrl: string, adminToken: string, criteria = 1000): Promise<ImportResult> {
  const library = largeLibrary(criteria);
  const workbook = await writeWorkbook(library, 'xlsx');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(workbook)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'banc-essai-1000.xlsx');
  const t = performance.now();
  const res = await fetch(`${baseUrl}/charte-admin/referentials/import`, { method: 'POST', headers: bearer(adminToken), body: form });
  const body = (await res.json()) as { data?: { report?: unknown }; error?: { message: string } };
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`Import du référentiel refusé : ${res.status} ${JSON.stringify(body).slice(0, 1000)}`);
  return { ms, bytes: workbook.length, criteria, report: body.data?.report };
}

export interface BuildResult {
  ms: number;
  total: number;
  done: number;
  /** Evaluations of the new campaign in the database (SQL), to compare with `total`. */
  inDatabase: number;
}

/**
 * « Nouvelle campagne » on the imported référentiel for enough services to reach `evaluations`
 * (10 services × 1,000 criteria = 10,000), timed from the POST until the status says done.
 */
export async function buildCampaign(baseUrl: string, adminToken: string, sql: pg.Client, evaluations = 10000): Promise<BuildResult> {
  const referential = (await sql.query(`select document_id from referentials where code = 'banc-essai-1000' or name like 'Référentiel du banc d’essai%' order by id desc limit 1`)).rows[0];
  const criteria = Number(
    (
      await sql.query(
        `select count(*) from criteria c join criteria_theme_lnk ct on ct.criterion_id = c.id join themes_referential_lnk tr on tr.theme_id = ct.theme_id
          join referentials r on r.id = tr.referential_id where r.document_id = $1`,
        [referential.document_id],
      )
    ).rows[0].count,
  );
  const serviceCount = Math.max(1, Math.round(evaluations / Math.max(1, criteria)));
  const services = (await sql.query(`select document_id from services order by id limit $1`, [serviceCount])).rows.map((r: { document_id: string }) => r.document_id);
  const headers = { ...bearer(adminToken), 'content-type': 'application/json' };
  const t = performance.now();
  const res = await fetch(`${baseUrl}/charte-admin/campaigns/builds`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ referential: referential.document_id, name: `Banc d’essai ${Date.now()}`, kind: 'audit-interne', startDate: '2030-01-15', services }),
  });
  const started = (await res.json()) as { data?: { buildId: string; total: number }; error?: unknown };
  if (res.status !== 202 || !started.data) throw new Error(`Création de campagne refusée : ${res.status} ${JSON.stringify(started).slice(0, 1000)}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const poll = await fetch(`${baseUrl}/charte-admin/campaigns/builds/${started.data.buildId}`, { headers });
    const status = ((await poll.json()) as { data: { state: string; done: number; total: number; campaign: { documentId: string } | null; message: string | null } }).data;
    if (status.state === 'running') continue;
    const ms = performance.now() - t;
    if (status.state !== 'done' || !status.campaign) throw new Error(`Création de campagne échouée : ${status.message}`);
    const inDatabase = Number(
      (
        await sql.query(
          `select count(*) from evaluations_campaign_lnk ec join campaigns c on c.id = ec.campaign_id where c.document_id = $1`,
          [status.campaign.documentId],
        )
      ).rows[0].count,
    );
    return { ms, total: status.total, done: status.done, inDatabase };
  }
}
