import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import YAML from 'yaml';
import { z } from 'zod';
import { MYSTERY_CHANNELS } from '@charte/contract';
import { MYSTERY_GRID } from '../../cms/src/mystery-tests/grid-rules';
import { databaseDir } from './demo-town';

const gridsFileSchema = z.object({
  grids: z.array(z.object({ channel: z.enum(MYSTERY_CHANNELS), title: z.string(), instructions: z.string().optional(), points: z.unknown() })),
});

/** The grids shipped with the application (database/demo/mystery-grids.yaml), one per channel. */
export function readShippedGrids() {
  const file = path.join(databaseDir(), 'demo', 'mystery-grids.yaml');
  return gridsFileSchema.parse(YAML.parse(fs.readFileSync(file, 'utf8'))).grids;
}

/**
 * Loads the shipped grids through the Document Service, so that they pass the very check a grid
 * written in the admin panel passes (cms/src/mystery-tests/grid-rules.ts).
 */
export async function seedMysteryGrids(strapi: Core.Strapi): Promise<Map<string, { id: number; documentId: string }>> {
  const grids = new Map<string, { id: number; documentId: string }>();
  for (const grid of readShippedGrids()) {
    const created = (await strapi.documents(MYSTERY_GRID).create({ data: grid as never })) as { id: number; documentId: string };
    grids.set(grid.channel, created);
  }
  return grids;
}
