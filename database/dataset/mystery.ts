import fs from 'node:fs';
import path from 'node:path';
import type { MysteryPoint } from '@charte/contract/schemas';
import YAML from 'yaml';
import { scoreTest, type Answers } from '../../cms/src/mystery-tests/outcomes';
import { repoRoot } from '../paths';
import type { Random } from './random';
import { DAY, day, timestamp } from './tables';

export type Channel = 'appel' | 'courriel' | 'courrier' | 'formulaire-web' | 'visite';
export const CHANNELS: Channel[] = ['appel', 'courriel', 'courrier', 'formulaire-web', 'visite'];
/** Channels whose delay is counted between the sending and the answer. */
const WRITTEN = new Set<Channel>(['courriel', 'courrier', 'formulaire-web']);

export interface GeneratedGrid {
  channel: Channel;
  title: string;
  instructions: string;
  points: MysteryPoint[];
}

/**
 * The grids shipped with the application (database/demo/mystery-grids.yaml), without their links to
 * criteria and indicators: those name the demo référentiels' codes, which the generated town does not
 * have. The grids' points and targets are the real ones, so scores and delays are computed alike.
 */
export function shippedGrids(): GeneratedGrid[] {
  const file = path.join(repoRoot, 'database', 'demo', 'mystery-grids.yaml');
  const parsed = YAML.parse(fs.readFileSync(file, 'utf8')) as { grids: (GeneratedGrid & { instructions?: string })[] };
  return parsed.grids.map((g) => ({
    channel: g.channel,
    title: g.title,
    instructions: g.instructions ?? '',
    points: g.points.map(({ criteria: _criteria, indicator: _indicator, ...point }) => point as MysteryPoint),
  }));
}

export interface Wave {
  title: string;
  start: number;
  end: number;
  /** The wave under way on the reference day: part of its tests are still to play or to validate. */
  latest: boolean;
  /** In [0, 1]: later waves do better. */
  progress: number;
}

/**
 * Two waves a year (spring and autumn) over the years of the evaluation campaigns; the last year has
 * only its spring wave, still under way on the reference day (30 June).
 */
export function wavesOf(firstYear: number, lastYear: number): Wave[] {
  const waves: Omit<Wave, 'progress'>[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    if (year === lastYear) {
      waves.push({ title: `Vague de printemps ${year}`, start: Date.UTC(year, 4, 4), end: Date.UTC(year, 6, 17), latest: true });
    } else {
      waves.push({ title: `Vague de printemps ${year}`, start: Date.UTC(year, 2, 2), end: Date.UTC(year, 4, 29), latest: false });
      waves.push({ title: `Vague d’automne ${year}`, start: Date.UTC(year, 8, 14), end: Date.UTC(year, 10, 27), latest: false });
    }
  }
  return waves.map((w, i) => ({ ...w, progress: waves.length > 1 ? i / (waves.length - 1) : 1 }));
}

export interface PlayedTest {
  testedAt: string;
  sentOn: string | null;
  answeredOn: string | null;
  answers: Answers;
  outcomes: ReturnType<typeof scoreTest>['outcomes'];
  score: number | null;
  delayDays: number | null;
  delayWorkingDays: number | null;
}

const clamp = (p: number) => Math.min(0.97, Math.max(0.05, p));

/**
 * Answers a tester could have given on `grid`, better for a good service and in later waves, then
 * scored by the cms's own rule (cms/src/mystery-tests/outcomes.ts) so that the frozen outcomes, the
 * score and the delays are what a real validation would have stored. One written test in twelve
 * never gets an answer; no answer comes after `until`.
 */
export function playTest(grid: GeneratedGrid, random: Random, at: number, quality: number, progress: number, until: number): PlayedTest {
  const good = clamp(0.62 + 0.2 * progress + 0.15 * quality);
  const answers: Answers = {};
  for (const point of grid.points) {
    if (point.unit === 'days' || point.unit === 'working-days') continue;
    switch (point.kind) {
      case 'yes-no':
        answers[point.id] = random.chance(good);
        break;
      case 'scale':
        answers[point.id] = random.chance(good) ? random.int(point.target ?? 3, 4) : random.int(1, Math.max(1, (point.target ?? 3) - 1));
        break;
      case 'count':
      case 'duration': {
        const target = point.target ?? 10;
        answers[point.id] = random.chance(good) ? random.int(Math.min(1, target), target) : random.int(target + 1, target * 3 + 1);
        break;
      }
      case 'text':
        if (random.chance(0.2)) answers[point.id] = 'Accueil conforme au scénario, rien à signaler.';
        break;
    }
  }
  let sentOn: string | null = null;
  let answeredOn: string | null = null;
  if (WRITTEN.has(grid.channel)) {
    sentOn = day(at);
    if (random.chance(11 / 12)) {
      // Most answers within a week, some within a fortnight, a few much later.
      const delay = random.chance(good) ? random.int(1, 6) : random.int(8, 25);
      answeredOn = day(Math.min(at + delay * DAY, Math.max(at, until)));
    }
  }
  const scored = scoreTest(grid.points, answers, { sentOn, answeredOn });
  return { testedAt: timestamp(at), sentOn, answeredOn, answers, ...scored };
}
