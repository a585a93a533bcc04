import type { Core } from '@strapi/strapi';
import { commonFields, frenchLabels } from './french-labels';

interface FieldMetadata {
  edit: Record<string, unknown>;
  list: Record<string, unknown>;
}
interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMetadata>;
  layouts: { list: string[]; edit: unknown };
}

/**
 * Writes the French labels into the Content Manager's stored configuration. Idempotent: it sets the
 * same values at every boot and keeps everything else an administrator arranged (field sizes,
 * order of the edit view).
 */
export async function applyFrenchLabels(strapi: Core.Strapi): Promise<void> {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const [uid, labels] of Object.entries(frenchLabels)) {
    const contentType = contentTypes.findContentType(uid);
    if (!contentType) continue;
    let current = (await contentTypes.findConfiguration(contentType)) as Partial<Configuration>;
    if (!current.metadatas) {
      await contentTypes.syncConfigurations();
      current = (await contentTypes.findConfiguration(contentType)) as Partial<Configuration>;
    }
    const metadatas: Record<string, FieldMetadata> = {};
    for (const [field, meta] of Object.entries(current.metadatas ?? {})) {
      const [label, description = ''] = labels.fields[field] ?? commonFields[field] ?? [];
      const target = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { target?: string }> }>)[uid]
        ?.attributes[field]?.target;
      const targetMainField = target ? frenchLabels[target]?.mainField : undefined;
      metadatas[field] = label
        ? {
            edit: { ...meta.edit, label, description, ...(targetMainField ? { mainField: targetMainField } : {}) },
            list: { ...meta.list, label, ...(targetMainField ? { mainField: targetMainField } : {}) },
          }
        : meta;
    }
    const known = new Set(Object.keys(metadatas));
    await contentTypes.updateConfiguration(contentType, {
      settings: {
        ...current.settings,
        mainField: labels.mainField,
        defaultSortBy: labels.sort[0],
        defaultSortOrder: labels.sort[1],
      },
      metadatas,
      layouts: { ...current.layouts, list: labels.list.filter((f) => known.has(f)) },
    });
  }
}
