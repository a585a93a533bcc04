import { describeIssues, referentialLibrarySchema } from '../../cms/src/referential/library-format';

const minimal = () => ({
  referential: { code: 'local-test', name: 'Référentiel local', source: 'local' },
  themes: [
    {
      code: 'T1',
      title: 'Accueil',
      criteria: [
        {
          code: 'C1',
          title: 'Un accueil courtois',
          weight: 1,
          indicators: [{ code: 'C1-I1', name: 'Délai', unit: 'jours', target: 15, direction: 'lower', frequency: 'mensuelle' }],
        },
      ],
    },
  ],
});

describe('référentiel library format', () => {
  it('accepts a minimal library and fills defaults', () => {
    const parsed = referentialLibrarySchema.parse(minimal());
    expect(parsed.themes[0].criteria[0]).toMatchObject({ description: '', expectedEvidence: [], services: [] });
  });

  it.each([
    ['a zero weight', (l: any) => (l.themes[0].criteria[0].weight = 0), 'themes › 0 › criteria › 0 › weight : le poids doit être strictement positif'],
    ['an unknown unit', (l: any) => (l.themes[0].criteria[0].indicators[0].unit = '%'), 'unité inconnue'],
    ['an unknown direction', (l: any) => (l.themes[0].criteria[0].indicators[0].direction = 'up'), 'sens inconnu'],
    ['a référentiel code with capitals', (l: any) => (l.referential.code = 'Local'), 'le code du référentiel ne contient que a-z'],
    ['no theme', (l: any) => (l.themes = []), 'un référentiel contient au moins un thème'],
    [
      'a duplicate criterion code',
      (l: any) => l.themes.push({ code: 'T2', title: 'Autre', criteria: [{ code: 'C1', title: 'Doublon', weight: 1 }] }),
      'le code d’engagement « C1 » apparaît deux fois',
    ],
    ['a duplicate theme code', (l: any) => l.themes.push({ code: 'T1', title: 'Autre', criteria: [] }), 'le code de thème « T1 » apparaît deux fois'],
  ])('rejects %s with a French message', (_label, change, message) => {
    const library = minimal();
    change(library);
    const parsed = referentialLibrarySchema.safeParse(library);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.error).join('\n')).toContain(message);
  });
});
