/**
 * A deterministic, realistic spread of results and workflow states for the demo campaign: the same
 * database every time, several drafts per service, and findings that read like an evaluator's.
 */
export type Result = 'conforme' | 'partiel' | 'non-conforme' | 'non-applicable' | 'non-evalue';
export type State = 'draft' | 'submitted' | 'validated' | 'approved';

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

const findings: Record<Result, string> = {
  conforme: 'Pratique en place et vérifiée sur pièces lors du diagnostic.',
  partiel: 'Pratique en place mais ni formalisée ni suivie de façon régulière.',
  'non-conforme': 'Aucune pratique établie ; l’engagement n’est pas tenu aujourd’hui.',
  'non-applicable': 'Le service n’est pas concerné par cet engagement.',
  'non-evalue': '',
};
const gaps: Partial<Record<Result, string>> = {
  partiel: 'Absence de procédure écrite et d’indicateur de suivi.',
  'non-conforme': 'Engagement à mettre en œuvre : organisation, outil et suivi à définir.',
};
const recommendations: Partial<Record<Result, string>> = {
  partiel: 'Formaliser la pratique dans une fiche de procédure et la suivre chaque trimestre.',
  'non-conforme': 'Inscrire une action à la feuille de route avec un pilote et une échéance.',
};

export interface DemoEvaluation {
  result: Result;
  state: State;
  findings: string;
  strengths: string;
  gaps: string;
  recommendation: string;
}

/**
 * `count` evaluations for one service. In a running campaign the first `drafts` stay drafts and the
 * rest spread over the workflow; a closed campaign is all approved, with the weaker results of a
 * town that had just started its programme.
 */
export function evaluationMix(seed: number, count: number, drafts: number, closed = false): DemoEvaluation[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const state: State = closed ? 'approved' : i < drafts ? 'draft' : pick(random, [['submitted', 3], ['validated', 3], ['approved', 4], ['draft', 2]]);
    const result: Result =
      state === 'draft' && random() < 0.4
        ? 'non-evalue'
        : closed
          ? pick(random, [['conforme', 25], ['partiel', 35], ['non-conforme', 32], ['non-applicable', 8]])
          : pick(random, [['conforme', 40], ['partiel', 32], ['non-conforme', 20], ['non-applicable', 8]]);
    return {
      result,
      state,
      findings: findings[result],
      strengths: result === 'conforme' ? 'Agents attentifs et pratique connue de toute l’équipe.' : '',
      gaps: gaps[result] ?? '',
      recommendation: recommendations[result] ?? '',
    };
  });
}
