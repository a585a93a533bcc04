/**
 * Staff accounts carry a first and a last name: a town signs its charter, its histories and its
 * mails with people's names, not with login names (« Hélène Marchand », not « dgs »). Added to the
 * plugin's own user type rather than copied into a schema override, so a Strapi upgrade of the
 * other attributes still applies.
 *
 * An account signed in through the town's directory (cms/src/sso/) keeps who it is there
 * (ssoProvider, ssoSubject: the provider's id in config/sso.yaml and the person's `sub`) and what
 * the directory last gave it (ssoRole, ssoServices), so that a role or a service the directory no
 * longer gives is taken back, and one an administrator gave by hand is left alone. Private: never
 * served by the content API; shown to administrators in the Content Manager.
 */
interface UsersPermissionsPlugin {
  contentTypes: { user: { schema: { attributes: Record<string, unknown> } } };
}

export default (plugin: UsersPermissionsPlugin) => {
  Object.assign(plugin.contentTypes.user.schema.attributes, {
    firstname: { type: 'string', maxLength: 100 },
    lastname: { type: 'string', maxLength: 100 },
    ssoProvider: { type: 'string', maxLength: 40, private: true, configurable: false },
    ssoSubject: { type: 'string', maxLength: 255, private: true, configurable: false },
    ssoRole: { type: 'string', maxLength: 60, private: true, configurable: false },
    ssoServices: { type: 'json', private: true, configurable: false },
  });
  return plugin;
};
