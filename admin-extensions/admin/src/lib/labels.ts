import type { ModelLabels } from '@charte/contract';
import { PLUGIN_ID } from './plugin';

// The French model map (config/labels.yaml) for the plugin's pages: the labels of types, fields,
// states and choices are read here, never retyped. It is loaded once, with the translations, before
// the panel draws anything (index.ts, registerTrads): every page then reads it synchronously.

const EMPTY: ModelLabels = { types: {}, commonFields: {}, states: {}, actions: {}, inboxGroups: {}, choices: {}, units: {} };
let loaded: ModelLabels = EMPTY;

/** Fetches the model map (public, like the translations); without an answer the pages show codes. */
export async function loadModelLabels(): Promise<ModelLabels> {
  try {
    const backend = (window as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
    const response = await fetch(`${backend}/${PLUGIN_ID}/labels/model`);
    if (response.ok) loaded = ((await response.json()) as { data?: ModelLabels }).data ?? EMPTY;
  } catch {
    // The panel still works, with raw codes.
  }
  return loaded;
}

/** The model map as loaded at start-up. */
export function modelLabels(): ModelLabels {
  return loaded;
}
