import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import YAML from 'yaml';
import { z } from 'zod';
import { databaseDir } from './demo-town';
import { COMPLAINT } from '../../cms/src/complaints/sql';
import { townToday } from '../../cms/src/platform/calendar/clock';
import { addCalendarDays } from '../../cms/src/platform/calendar/days';

const offset = z.number().int().min(0).max(365);
const demoComplaintsSchema = z.object({
  complaints: z
    .array(
      z
        .object({
          service: z.string().optional(),
          kind: z.enum(['reclamation', 'suggestion']),
          channel: z.string(),
          receivedDaysAgo: offset,
          acknowledgedAfter: offset.optional(),
          answeredAfter: offset.optional(),
          subject: z.string(),
          description: z.string().optional(),
          contactName: z.string().optional(),
          contactEmail: z.string().email().optional(),
          outcome: z.string().optional(),
        })
        .strict(),
    )
    .default([]),
});

/**
 * The demo town's complaints (database/demo/town.yaml `complaints:`), dated relative to today so
 * that the register always shows an overdue one, one due soon and answered ones.
 */
export async function seedDemoComplaints(strapi: Core.Strapi): Promise<void> {
  const file = path.join(databaseDir(), 'demo', 'town.yaml');
  const { complaints } = demoComplaintsSchema.parse(YAML.parse(fs.readFileSync(file, 'utf8')));
  const today = townToday();
  for (const { service: slug, receivedDaysAgo, acknowledgedAfter, answeredAfter, ...complaint } of complaints) {
    const receivedAt = addCalendarDays(today, -receivedDaysAgo);
    const after = (days: number | undefined) => (days === undefined ? null : [addCalendarDays(receivedAt, days), today].sort()[0]);
    const service = slug ? await strapi.db.query('api::service.service').findOne({ select: ['id'], where: { slug } }) : null;
    if (slug && !service) throw new Error(`database/demo/town.yaml : service inconnu « ${slug} » dans complaints.`);
    await strapi.documents(COMPLAINT).create({
      data: { ...complaint, receivedAt, acknowledgedAt: after(acknowledgedAfter), answeredAt: after(answeredAfter), service: service?.id ?? null } as never,
    });
  }
}
