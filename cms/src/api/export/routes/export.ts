/** Downloads of evaluations (.xlsx for reading, .csv for other tools), filtered and read-scoped. */
export default {
  routes: [
    { method: 'GET', path: '/exports/evaluations.xlsx', handler: 'export.evaluationsXlsx', config: { policies: [] } },
    { method: 'GET', path: '/exports/evaluations.csv', handler: 'export.evaluationsCsv', config: { policies: [] } },
  ],
};
