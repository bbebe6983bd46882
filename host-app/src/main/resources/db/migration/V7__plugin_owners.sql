-- The plugin each configuration and each authorization profile was made with: an integration's credentials, and
-- the presets of a profile, go to that plugin only, never to another jar that claims the same integration id or
-- profile type id. Rows stored before have no owner recorded; the host binds each, when it starts, to the one
-- installed plugin that claims it, and hands it to no plugin while several do (see IntegrationConfigurations and
-- AuthorizationProfiles.bindUnbound).
ALTER TABLE integration_configuration ADD COLUMN plugin_id VARCHAR(255);
ALTER TABLE authorization_profile ADD COLUMN plugin_id VARCHAR(255);
