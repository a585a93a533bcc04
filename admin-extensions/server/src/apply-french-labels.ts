import type { Core } from '@strapi/strapi';
import { cmsService } from './cms-service';

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
 * Writes the French labels of config/labels.yaml (the cms's model map) into the Content Manager's
 * stored configuration, so that a non-technical user never reads an API name such as
 * `expectedEvidence`: each field's label and help, the field that names an entry in relations, the
 * list columns and the default sort. Idempotent: it sets the same values at every boot and keeps
 * everything else an administrator arranged (field sizes, order of the edit view).
 */
export async function applyFrenchLabels(strapi: Core.Strapi): Promise<void> {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  const model = cmsService(strapi, 'api::labels.labels').model();
  const typeOf = (uid: string) => model.types[uid.split('.').pop() ?? ''];
  for (const uid of Object.keys(strapi.contentTypes).filter((u) => u.startsWith('api::'))) {
    const labels = typeOf(uid);
    if (!labels) continue;
    const contentType = contentTypes.findContentType(uid);
    if (!contentType) continue;
    let current = (await contentTypes.findConfiguration(contentType)) as Partial<Configuration>;
    if (!current.metadatas) {
      await contentTypes.syncConfigurations();
      current = (await contentTypes.findConfiguration(contentType)) as Partial<Configuration>;
    }
    const metadatas: Record<string, FieldMetadata> = {};
    for (const [field, meta] of Object.entries(current.metadatas ?? {})) {
      const { label, help: description = '' } = labels.fields[field] ?? model.commonFields[field] ?? { label: undefined };
      const target = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { target?: string }> }>)[uid]
        ?.attributes[field]?.target;
      const targetMainField = target ? typeOf(target)?.mainField : undefined;
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
