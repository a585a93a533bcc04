import { publicIntakeFor } from '../../../public-intake/guard';

/**
 * Beside the core CRUD routes (staff entry, scoped by service): the staff register and reports,
 * and the citizens' form, its list of services and the follow-up of a request. Every route is
 * granted per role in config/roles.yaml.
 */
export default {
  routes: [
    { method: 'GET', path: '/complaints-register', handler: 'complaint-report.register', config: { policies: [] } },
    { method: 'GET', path: '/complaints-report/response-rate', handler: 'complaint-report.responseRate', config: { policies: [] } },
    { method: 'GET', path: '/complaints-report/bilan', handler: 'complaint-report.bilan', config: { policies: [] } },
    { method: 'GET', path: '/complaints-report/bilan.xlsx', handler: 'complaint-report.bilanWorkbook', config: { policies: [] } },
    {
      method: 'POST',
      path: '/public/complaints',
      handler: 'public-complaint.submit',
      config: { policies: [], middlewares: [publicIntakeFor('complaint')] },
    },
    { method: 'GET', path: '/public/complaints/services', handler: 'public-complaint.services', config: { policies: [] } },
    {
      method: 'POST',
      path: '/public/complaints/follow-up',
      handler: 'public-complaint.followUp',
      config: { policies: [], middlewares: [publicIntakeFor('complaint-follow-up')] },
    },
  ],
};
