import type { StrapiApp } from '@strapi/admin/strapi-admin';
import { ChartPie, CheckCircle, File, Mail, Upload, Plus } from '@strapi/icons';
import { PERMISSIONS, PLUGIN_ID } from './lib/plugin';
import { loadChoiceLabels, pluginMessages } from './translations/fr';
import { readOnlyInputs } from './workflow/read-only-inputs';
import { WorkflowPanel } from './workflow/WorkflowPanel';
import { stateColumns } from './workflow/state-columns';

const campaignProgress = {
  id: 'campaign-progress',
  pluginId: PLUGIN_ID,
  icon: ChartPie,
  title: { id: `${PLUGIN_ID}.widget.title`, defaultMessage: 'Avancement de la campagne en cours' },
  component: () => import('./widgets/CampaignProgressWidget').then((m) => m.CampaignProgressWidget),
  permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::evaluation.evaluation' }],
};

const auditReadiness = {
  id: 'audit-readiness',
  pluginId: PLUGIN_ID,
  icon: CheckCircle,
  title: { id: `${PLUGIN_ID}.widget.readiness`, defaultMessage: 'Prêt pour l’audit ?' },
  component: () => import('./widgets/AuditReadinessWidget').then((m) => m.AuditReadinessWidget),
  permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::evaluation.evaluation' }],
};

interface ContentManagerApis {
  addEditViewSidePanel(panels: unknown[]): void;
}

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Charte d’accueil' });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/referentiel`,
      icon: Upload,
      intlLabel: { id: `${PLUGIN_ID}.menu.referential`, defaultMessage: 'Importer un référentiel' },
      Component: () => import('./pages/ReferentialPage'),
      permissions: [{ action: PERMISSIONS.referentialImport, subject: null }],
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/nouvelle-campagne`,
      icon: Plus,
      intlLabel: { id: `${PLUGIN_ID}.menu.campaign`, defaultMessage: 'Nouvelle campagne' },
      Component: () => import('./pages/CampaignBuilderPage'),
      permissions: [{ action: PERMISSIONS.campaignBuild, subject: null }],
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/rapports`,
      icon: File,
      intlLabel: { id: `${PLUGIN_ID}.menu.reports`, defaultMessage: 'Rapports' },
      Component: () => import('./reports/ReportsPage'),
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::evaluation.evaluation' }],
    });
    // Where the application's banner sends people when mails stop leaving.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/courriels`,
      icon: Mail,
      intlLabel: { id: `${PLUGIN_ID}.menu.mails`, defaultMessage: 'Courriels' },
      Component: () => import('./mails/MailsPage'),
      permissions: [{ action: PERMISSIONS.mailsManage, subject: null }],
    });
    // First on the homepage: it is what the référent qualité comes to check.
    app.widgets.register((widgets) => [campaignProgress, auditReadiness, ...widgets]);
    // Inputs of workflow documents become read-only outside the draft state (see read-only-inputs).
    app.addFields(readOnlyInputs);
  },

  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager');
    (contentManager.apis as unknown as ContentManagerApis).addEditViewSidePanel([WorkflowPanel]);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', stateColumns);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    // Loads the model map too, which the plugin's pages read whatever the locale (lib/labels.ts).
    const choices = await loadChoiceLabels();
    return locales.map((locale) => ({ locale, data: locale === 'fr' ? { ...choices, ...pluginMessages } : {} }));
  },
};
