import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { repositoryRoot } from '../../cms/src/platform/config/read-config';

export function databaseDir(): string {
  return process.env.CHARTE_DATABASE_DIR ?? path.join(repositoryRoot(), 'database');
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const demoTownSchema = z.object({
  password: z.string().min(12),
  users: z.array(
    z.object({ email: z.string().email(), username: z.string(), firstname: z.string(), lastname: z.string(), role: z.string() }),
  ),
  services: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      description: z.string(),
      heads: z.array(z.string().email()),
      agents: z.array(z.string().email()),
    }),
  ),
  referentials: z.array(z.string()),
  campaigns: z
    .array(z.object({ name: z.string(), kind: z.string(), referential: z.string(), startDate: date, endDate: date, closed: z.boolean() }))
    .min(1),
  interviews: z.array(
    z.object({ service: z.string(), date: z.string(), interviewees: z.string(), interviewer: z.string(), criteria: z.array(z.string()), notes: z.string() }),
  ),
  roadmapActions: z.array(
    z.object({
      title: z.string(),
      service: z.string(),
      criterion: z.string(),
      owner: z.string(),
      ownerUser: z.string().email().optional(),
      priority: z.string(),
      startDate: date,
      dueDate: date,
      actionStatus: z.string(),
      progress: z.number(),
    }),
  ),
  charterPrinciples: z.array(
    z.object({ title: z.string(), text: z.string(), commitment: z.string(), criteria: z.array(z.string()), indicator: z.string().optional() }),
  ),
  adminUsers: z.array(z.object({ email: z.string().email(), firstname: z.string(), lastname: z.string(), role: z.enum(['super-admin', 'referential-editor']) })),
  referentialEditorRole: z.object({ name: z.string(), description: z.string(), types: z.array(z.string()) }),
  audit: z.object({
    campaign: z.string(),
    auditor: z.string().email(),
    startsDaysAgo: z.number().int().min(0),
    lastsDays: z.number().int().min(1),
    findings: z.array(
      z.object({ service: z.string(), criterion: z.string(), grade: z.string(), state: z.enum(['draft', 'submitted', 'acknowledged']), fact: z.string(), requirement: z.string() }),
    ),
  }),
});

export type DemoTown = z.infer<typeof demoTownSchema>;

export function readDemoTown(): DemoTown {
  const file = path.join(databaseDir(), 'demo', 'town.yaml');
  return demoTownSchema.parse(YAML.parse(fs.readFileSync(file, 'utf8')));
}
