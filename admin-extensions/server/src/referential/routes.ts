import { PERMISSIONS, requires } from '../permissions';

/** Référentiel import/export (Excel, CSV), mounted under /charte-admin. */
const config = { policies: requires(PERMISSIONS.referentialImport) };

export const referentialRoutes = [
  { method: 'GET', path: '/referentials', handler: 'referential.list', config },
  { method: 'GET', path: '/referentials/template', handler: 'referential.template', config },
  { method: 'GET', path: '/referentials/:documentId/export', handler: 'referential.exportReferential', config },
  { method: 'POST', path: '/referentials/import/preview', handler: 'referential.preview', config },
  { method: 'POST', path: '/referentials/import', handler: 'referential.apply', config },
];
