import { errors } from '@strapi/utils';

/** Refuses a write with a French message on one field: a 400 whose details name the field, for the forms. */
export function failOnField(message: string, path: string): never {
  throw new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });
}
