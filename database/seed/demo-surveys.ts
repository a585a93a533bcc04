import type { SurveyQuestion } from '@charte/contract';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import YAML from 'yaml';
import { z } from 'zod';
import { databaseDir } from './demo-town';
import { checkAnswers, type Answers } from '../../cms/src/surveys/answers';
import { SURVEY, SURVEY_RESPONSE } from '../../cms/src/surveys/document-rules';
import { checkQuestions } from '../../cms/src/surveys/questions';

const demoSurveysSchema = z.object({
  surveys: z
    .array(
      z.object({
        title: z.string(),
        description: z.string().optional(),
        audience: z.enum(['usagers', 'agents']).default('usagers'),
        service: z.string().optional(),
        opensAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        closesAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        questions: z.unknown(),
        demoResponses: z.number().int().min(0).max(1000),
        demoComments: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});

/** Small deterministic generator: the demo looks the same at every start. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plausible answer: mostly satisfied, as a town that works on its reception would see. */
function demoAnswers(questions: SurveyQuestion[], comments: string[], next: () => number): Answers {
  const answers: Answers = {};
  for (const question of questions) {
    const draw = next();
    if (question.kind === 'scale-1-4') answers[question.id] = draw < 0.04 ? 1 : draw < 0.12 ? 2 : draw < 0.5 ? 3 : 4;
    else if (question.kind === 'yes-no') answers[question.id] = draw < 0.88;
    else if (question.kind === 'choice') answers[question.id] = question.options![Math.floor(draw * question.options!.length)];
    else if (comments.length && draw < 0.3) answers[question.id] = comments[Math.floor(next() * comments.length)];
  }
  return answers;
}

/**
 * The demo town's surveys (database/demo/town.yaml, `surveys:`) and their generated answers.
 * A global survey's answers are spread over the town's services.
 */
export async function seedDemoSurveys(strapi: Core.Strapi): Promise<void> {
  const raw = YAML.parse(fs.readFileSync(path.join(databaseDir(), 'demo', 'town.yaml'), 'utf8'));
  const { surveys } = demoSurveysSchema.parse(raw);
  const services = (await strapi.db.query('api::service.service').findMany({ select: ['id', 'documentId', 'slug'], orderBy: { id: 'asc' } })) as {
    id: number;
    documentId: string;
    slug: string;
  }[];
  for (const [index, definition] of surveys.entries()) {
    const checked = checkQuestions(definition.questions);
    if (!checked.ok) throw new Error(`database/demo/town.yaml, enquête « ${definition.title} » : ${checked.message}`);
    const service = definition.service ? services.find((s) => s.slug === definition.service) : undefined;
    const survey = (await strapi.documents(SURVEY).create({
      data: {
        title: definition.title,
        description: definition.description,
        audience: definition.audience,
        questions: checked.questions,
        opensAt: definition.opensAt,
        closesAt: definition.closesAt,
        service: service?.documentId,
      } as never,
    })) as { id: number };
    const next = random(2026 + index);
    const start = new Date(`${definition.opensAt}T09:00:00Z`).getTime();
    const span = Math.max(Date.now() - start, 0);
    for (let i = 0; i < definition.demoResponses; i++) {
      const answers = demoAnswers(checked.questions, definition.demoComments, next);
      const valid = checkAnswers(checked.questions, answers, 10_000);
      if (!valid.ok) throw new Error(`Réponse de démonstration invalide : ${valid.message}`);
      const about = service ?? services[Math.floor(next() * services.length)];
      const at = new Date(start + Math.floor((span * (i + next())) / Math.max(definition.demoResponses, 1)));
      await strapi.db.query(SURVEY_RESPONSE).create({
        data: { survey: survey.id, service: about?.id ?? null, answers: valid.answers, publishedAt: at, createdAt: at, updatedAt: at },
      });
    }
  }
}
