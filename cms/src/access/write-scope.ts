import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { toOneTarget } from '../platform/input/relation-value';
import { canRead, visibleServiceIds, type Caller } from './read-scope';
import { rolesConfig } from './roles-config';

/**
 * The service a REST create or update may attach a document to. A caller who sees all services
 * may name any; a member of some services may name only one of theirs, and when they belong to a
 * single service and name none, that one is used. Returns the service id to write, or undefined
 * to leave the relation as it is.
 */
export async function allowedService(strapi: Core.Strapi, caller: Caller, data: Record<string, unknown>, creating: boolean): Promise<number | undefined> {
  const target = toOneTarget(data.service);
  let serviceId: number | undefined;
  if (target) {
    const where = 'id' in target ? { id: target.id } : { documentId: target.documentId };
    const service = await strapi.db.query('api::service.service').findOne({ select: ['id'], where });
    if (!service) throw new errors.ValidationError('Service inconnu.', { errors: [{ path: ['service'], message: 'Service inconnu.', name: 'ValidationError' }] });
    serviceId = service.id;
  } else if (target === null) {
    throw new errors.ValidationError('Le service est obligatoire.', { errors: [{ path: ['service'], message: 'Le service est obligatoire.', name: 'ValidationError' }] });
  }
  const visible = await visibleServiceIds(strapi, caller);
  if (visible === null) {
    if (creating && serviceId === undefined) {
      throw new errors.ValidationError('Précisez le service concerné.', { errors: [{ path: ['service'], message: 'Le service est obligatoire.', name: 'ValidationError' }] });
    }
    return serviceId;
  }
  const serviceIds = visible;
  if (serviceId !== undefined) {
    if (!serviceIds.includes(serviceId)) throw new errors.ForbiddenError('Vous ne pouvez rattacher un document qu’à votre propre service.');
    return serviceId;
  }
  if (!creating) return undefined;
  if (serviceIds.length === 1) return serviceIds[0];
  throw new errors.ValidationError(
    serviceIds.length ? 'Vous appartenez à plusieurs services : précisez lequel.' : 'Vous n’êtes rattaché à aucun service : demandez à l’administrateur de vous y ajouter.',
    { errors: [{ path: ['service'], message: 'Le service est obligatoire.', name: 'ValidationError' }] },
  );
}

/**
 * THE check before a REST update or delete (and any server-side write on a caller's behalf): the
 * caller reads the document, and a role that writes only its own documents of this type
 * (config/roles.yaml ownWrites) wrote it. Otherwise 404, as if it did not exist.
 */
export async function writableOr404(strapi: Core.Strapi, uid: string, documentId: string, caller: Caller): Promise<void> {
  const notFound = () => new errors.NotFoundError('Document introuvable ou non accessible.');
  if (!(await canRead(strapi, uid, documentId, caller))) throw notFound();
  const attributes = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, unknown> }>)[uid]?.attributes ?? {};
  if (!('author' in attributes) || !rolesConfig().roles[caller.role?.type ?? '']?.ownWrites.includes(uid)) return;
  const own = await strapi.db.query(uid as never).count({ where: { documentId, author: { id: caller.id } } });
  if (!own) throw notFound();
}
