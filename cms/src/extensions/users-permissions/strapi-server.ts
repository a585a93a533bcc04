/**
 * Staff accounts carry a first and a last name: a town signs its charter, its histories and its
 * mails with people's names, not with login names (« Hélène Marchand », not « dgs »). Added to the
 * plugin's own user type rather than copied into a schema override, so a Strapi upgrade of the
 * other attributes still applies.
 */
interface UsersPermissionsPlugin {
  contentTypes: { user: { schema: { attributes: Record<string, unknown> } } };
}

export default (plugin: UsersPermissionsPlugin) => {
  Object.assign(plugin.contentTypes.user.schema.attributes, {
    firstname: { type: 'string', maxLength: 100 },
    lastname: { type: 'string', maxLength: 100 },
  });
  return plugin;
};
