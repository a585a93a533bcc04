import { FINDING_GRADES } from '@charte/contract';
import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';
import { choiceLabels } from '../platform/config/labels';

export const FINDING = 'api::audit-finding.audit-finding';

const gradeSchema = z
  .object({
    nonConformity: z.boolean(),
    dueDateRequired: z.boolean().default(false),
    blocksReadiness: z.boolean().default(false),
  })
  .strict();

const fileSchema = z
  .object({ grades: z.record(z.string(), gradeSchema) })
  .strict()
  .superRefine((file, ctx) => {
    const labels = choiceLabels();
    for (const grade of Object.keys(file.grades)) {
      if (!(FINDING_GRADES as readonly string[]).includes(grade)) ctx.addIssue({ code: 'custom', path: ['grades', grade], message: `niveau inconnu (niveaux des constats : ${FINDING_GRADES.join(', ')})` });
      else if (!labels[grade]) ctx.addIssue({ code: 'custom', path: ['grades', grade], message: 'niveau sans libellé dans labels.yaml (choices)' });
    }
    for (const grade of FINDING_GRADES) {
      if (!file.grades[grade]) ctx.addIssue({ code: 'custom', path: ['grades'], message: `le niveau « ${grade} » doit être déclaré` });
    }
    for (const [grade, rules] of Object.entries(file.grades)) {
      if (!rules.nonConformity && (rules.dueDateRequired || rules.blocksReadiness)) {
        ctx.addIssue({ code: 'custom', path: ['grades', grade], message: 'dueDateRequired et blocksReadiness ne valent que pour une non-conformité' });
      }
    }
  });

export type GradeRules = z.infer<typeof gradeSchema>;
let cached: z.infer<typeof fileSchema> | undefined;
/** config/audits.yaml, read and checked once (at boot). */
export const auditsConfig = () => (cached ??= readConfigFile('audits.yaml', fileSchema));

export const gradeRules = (grade: string | null | undefined): GradeRules | undefined => (grade ? auditsConfig().grades[grade] : undefined);
/** The grades of config/audits.yaml that answer to `rule`. */
export const gradesWhere = (rule: keyof GradeRules): string[] => Object.entries(auditsConfig().grades).filter(([, r]) => r[rule]).map(([g]) => g);
