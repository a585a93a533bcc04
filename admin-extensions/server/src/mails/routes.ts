import { PERMISSIONS, requires } from '../permissions';

// « Courriels » in the admin panel: the queue's mails by state, and a failed one sent again.
// Recipients and subjects are personal data: the same permission guards the list and the retry.
const policies = requires(PERMISSIONS.mailsManage);

export const mailRoutes = [
  { method: 'GET', path: '/mails', handler: 'mails.list', config: { policies } },
  { method: 'POST', path: '/mails/retry', handler: 'mails.retry', config: { policies } },
];
