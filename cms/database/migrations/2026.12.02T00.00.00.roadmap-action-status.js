'use strict';

/**
 * The roadmap action's `status` attribute became `actionStatus`: Strapi 5 names its own
 * draft-and-publish state `status`, and the admin panel showed that one (« Publié ») in the
 * action's Statut column and left the edit form's select blank. The column is renamed before the
 * schema sync, which would otherwise drop `status` and create an empty `action_status`.
 */
module.exports = {
  async up(knex) {
    const table = 'roadmap_actions';
    if (!(await knex.schema.hasTable(table))) return; // a new database: the sync creates the column
    const hasOld = await knex.schema.hasColumn(table, 'status');
    const hasNew = await knex.schema.hasColumn(table, 'action_status');
    if (hasOld && !hasNew) await knex.schema.alterTable(table, (t) => t.renameColumn('status', 'action_status'));
  },
};
