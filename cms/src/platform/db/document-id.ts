/** Strapi document ids are lowercase letters and digits: anything else cannot exist, and is answered as such before any query. */
export const isDocumentId = (value: unknown): value is string => typeof value === 'string' && /^[a-z0-9]{1,64}$/.test(value);
