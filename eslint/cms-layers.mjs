// The import-x/no-restricted-paths zones of cms/src's layers ({ target, from, except?, message }, paths from the repository root): the lead fills them with his restructure.
export const cmsLayerZones = [];
