// The layers of cms/src, bottom first. A folder imports folders of the layers below its own, never
// one of its own layer or above: read it as the map of the cms. platform knows no domain; access
// says who reads what; audit and the charter's versions are what a transition's effects write; the
// workflow engine runs them; features build on the engine; composition (app/) and the HTTP
// adapters (api/, middlewares/, index.ts) sit on top.
export const CMS_LAYERS = [
  ['platform'],
  ['access', 'security'],
  // Pieces of evidence and their validity: read by the findings' closing check, below the workflow.
  ['evidence'],
  ['audit', 'charter', 'public-intake', 'sso', 'findings'],
  ['workflow'],
  ['progress', 'indicators', 'complaints', 'surveys', 'roadmap', 'referential', 'audit-log', 'legal'],
  ['exports', 'reports', 'campaigns', 'mystery-tests'],
  ['published-results', 'recurring-campaigns', 'operations', 'management-review'],
  ['app', 'middlewares', 'server', 'admin'],
  ['api', 'index.ts', 'extensions'],
];

const path = (name) => `./cms/src/${name}`;

/** import-x/no-restricted-paths zones: each folder of a layer against every folder of its layer and above. */
export const cmsLayerZones = CMS_LAYERS.flatMap((layer, level) =>
  layer.map((name) => ({
    target: path(name),
    from: CMS_LAYERS.slice(level)
      .flat()
      .filter((other) => other !== name)
      .map(path),
    message: `cms/src/${name} n’importe que les couches au-dessous de la sienne : voir eslint/cms-layers.mjs.`,
  })),
);
