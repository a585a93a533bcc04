import { flatChoices } from '@charte/contract';
import { loadModelLabels } from '../lib/labels';
import { PLUGIN_ID } from '../lib/plugin';

/** The plugin's own strings (menu links and widget title are looked up by these ids). */
export const pluginMessages: Record<string, string> = {
  [`${PLUGIN_ID}.plugin.name`]: 'Charte d’accueil',
  [`${PLUGIN_ID}.menu.referential`]: 'Importer un référentiel',
  [`${PLUGIN_ID}.menu.campaign`]: 'Nouvelle campagne',
  [`${PLUGIN_ID}.menu.mails`]: 'Courriels',
  [`${PLUGIN_ID}.widget.title`]: 'Avancement de la campagne en cours',
  [`${PLUGIN_ID}.widget.readiness`]: 'Prêt pour l’audit ?',
};

/**
 * French labels of enumeration values and workflow states (value → label), from the model map
 * (config/labels.yaml). The Content Manager looks an option up by its raw value, so these keys are
 * global. Without an answer the panel still works and shows the raw values.
 */
export async function loadChoiceLabels(): Promise<Record<string, string>> {
  return flatChoices(await loadModelLabels());
}
