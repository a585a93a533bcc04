import type { AccessibilityStatement, ConformityLevel } from '@charte/contract';
import { z } from 'zod';
import { townToday } from '../platform/calendar/clock';
import { readConfigFile } from '../platform/config/read-config';

/** An object of exactly these keys: another one is refused, naming those expected. */
const entries = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict(`clé inconnue (attendues : ${Object.keys(shape).join(', ')})`);
const text = z.string().trim().min(1, 'texte attendu');
const list = z.array(text);
const day = z
  .string({ message: 'date attendue, sous la forme AAAA-MM-JJ (ex. 2026-12-03)' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue, sous la forme AAAA-MM-JJ (ex. 2026-12-03)')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'cette date n’existe pas');
const percent = (what: string) => z.number({ message: `${what} : nombre attendu (pourcentage de 0 à 100)` }).min(0, `${what} : de 0 à 100 %`).max(100, `${what} : de 0 à 100 %`);
const year = z.number({ message: 'année attendue (ex. 2026)' }).int('année entière attendue').min(2000, 'année attendue (ex. 2026)').max(2100, 'année attendue (ex. 2026)');

const auditSchema = entries({
    date: day,
    rgaaVersion: text,
    auditor: text,
    rate: percent('taux de critères respectés'),
    averageRate: percent('taux moyen de conformité').nullable().default(null),
    reportUrl: text.nullable().default(null),
    pages: z.array(text).min(1, 'au moins une page auditée'),
    nonConformities: list.default([]),
    derogations: z.array(entries({ content: text, reason: text, alternative: text.nullable().default(null) })).default([]),
    tools: z.array(text).min(1, 'au moins un outil'),
    environment: z.array(text).min(1, 'au moins un environnement de test (navigateur, technologie d’assistance)'),
  });

const STATUSES = ['prevue', 'en-cours', 'realisee', 'reportee'] as const;

const planSchema = entries({
    year,
    actions: z
      .array(entries({ title: text, status: z.enum(STATUSES, { message: `état attendu : ${STATUSES.join(', ')}` }) }))
      .min(1, 'au moins une action'),
    review: list.default([]),
  });

const accessibilitySchema = entries({
    demo: z.boolean(),
    entity: text,
    service: text,
    establishedOn: day,
    updatedOn: day.nullable().default(null),
    audit: auditSchema.nullable(),
    automatedChecks: z.array(entries({ date: day, tool: text, environment: text, pages: text, result: text })).default([]),
    knownIssues: list.default([]),
    exemptions: list.default([]),
    technologies: z.array(text).min(1, 'au moins une technologie'),
    contact: entries({ email: text, postalAddress: text, phone: text.nullable().default(null) }),
    schema: entries({ from: year, to: year, sections: z.array(entries({ title: text, text })).min(1, 'au moins une rubrique') }),
    plans: z.array(planSchema).min(1, 'au moins un plan d’actions annuel'),
  })
  .superRefine((file, ctx) => {
    const { from, to } = file.schema;
    if (to < from) ctx.addIssue({ code: 'custom', path: ['schema', 'to'], message: `le schéma finit (${to}) avant de commencer (${from})` });
    else if (to - from + 1 > 3) ctx.addIssue({ code: 'custom', path: ['schema', 'to'], message: `un schéma pluriannuel dure 3 ans au plus (article 47 de la loi du 11 février 2005) : ${from}–${to} en compte ${to - from + 1}` });
    const seen = new Set<number>();
    file.plans.forEach((plan, i) => {
      if (plan.year < from || plan.year > to) ctx.addIssue({ code: 'custom', path: ['plans', i, 'year'], message: `plan ${plan.year} hors du schéma pluriannuel (${from}–${to})` });
      if (seen.has(plan.year)) ctx.addIssue({ code: 'custom', path: ['plans', i, 'year'], message: `deux plans pour l’année ${plan.year}` });
      seen.add(plan.year);
    });
    if (file.updatedOn && file.updatedOn < file.establishedOn) ctx.addIssue({ code: 'custom', path: ['updatedOn'], message: 'mise à jour antérieure à l’établissement de la déclaration' });
    if (file.audit && file.audit.date > (file.updatedOn ?? file.establishedOn)) ctx.addIssue({ code: 'custom', path: ['audit', 'date'], message: 'audit postérieur à la déclaration : mettez à jour updatedOn' });
    if (file.audit && file.audit.rate < 100 && file.audit.nonConformities.length === 0 && file.audit.derogations.length === 0)
      ctx.addIssue({ code: 'custom', path: ['audit', 'nonConformities'], message: `taux de ${file.audit.rate} % : listez les non-conformités relevées` });
  });

type AccessibilityFile = z.infer<typeof accessibilitySchema>;

/** How long an audit result stays valid: the statement is to be renewed 3 years after it. */
const VALID_YEARS = 3;

/**
 * The mention of every page (arrêté du 20 septembre 2019, « Mention obligatoire sur la page
 * d’accueil »): totalement conforme when every criterion is met, partiellement from 50 %, non
 * conforme below, or when there is no audit result still valid.
 */
export function conformityOf(audit: { date: string; rate: number } | null, today: string): { level: ConformityLevel; reason: string | null } {
  if (!audit) return { level: 'non', reason: 'Aucun audit de conformité au RGAA n’a encore été réalisé.' };
  const [y, m, d] = audit.date.split('-');
  if (`${Number(y) + VALID_YEARS}-${m}-${d}` < today) return { level: 'non', reason: `Le dernier audit (${audit.date}) a plus de ${VALID_YEARS} ans : il n’est plus en cours de validité.` };
  if (audit.rate >= 100) return { level: 'totale', reason: null };
  if (audit.rate >= 50) return { level: 'partielle', reason: null };
  return { level: 'non', reason: null };
}

let cached: AccessibilityFile | undefined;

/** config/accessibility.yaml, checked once (at boot, from register()). */
export function accessibilityFile(): AccessibilityFile {
  cached ??= readConfigFile('accessibility.yaml', accessibilitySchema);
  return cached;
}

/** The statement as GET /api/accessibility serves it, its mention computed for the town's today. */
export function accessibilityStatement(now = new Date()): AccessibilityStatement {
  const file = accessibilityFile();
  const today = townToday(now);
  const { level, reason } = conformityOf(file.audit, today);
  return { ...file, conformity: level, conformityReason: reason, currentYear: Number(today.slice(0, 4)) };
}
