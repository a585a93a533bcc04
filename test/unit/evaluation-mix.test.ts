import { evaluationMix } from '../../database/seed/evaluation-mix';

describe('demo evaluation mix', () => {
  it('is the same for the same seed', () => {
    expect(evaluationMix(7, 24, 5)).toEqual(evaluationMix(7, 24, 5));
  });
  it('keeps the requested drafts and spreads the other states', () => {
    const mix = evaluationMix(2026, 24, 5);
    expect(mix.slice(0, 5).every((e) => e.state === 'draft')).toBe(true);
    expect(new Set(mix.map((e) => e.state))).toEqual(new Set(['draft', 'submitted', 'validated', 'approved']));
  });
  it('gives findings to every evaluated entry', () => {
    for (const e of evaluationMix(3, 50, 5)) if (e.result !== 'non-evalue') expect(e.findings).not.toBe('');
  });
});
