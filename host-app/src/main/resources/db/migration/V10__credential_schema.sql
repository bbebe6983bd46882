-- The credential fields each stored value set was made with: the version of the plugin that declared them, and a
-- fingerprint of the fields (key, type, required, secret, pattern; labels and help are not part of it). The fields
-- behind each fingerprint are kept once, so that an upgraded plugin's fields can be compared with the stored ones
-- field by field. Rows stored before this have none recorded; the host records, when it starts (and when the plugin
-- they belong to is installed later), what the installed plugin declares then (see CredentialSchemaUpgrades).
CREATE TABLE credential_fields (
    fingerprint      VARCHAR(64)   NOT NULL PRIMARY KEY,
    fields           VARCHAR(8000) NOT NULL
);
ALTER TABLE integration_configuration ADD COLUMN plugin_version VARCHAR(100);
ALTER TABLE integration_configuration ADD COLUMN fields_fingerprint VARCHAR(64);
ALTER TABLE user_authorization ADD COLUMN plugin_version VARCHAR(100);
ALTER TABLE user_authorization ADD COLUMN fields_fingerprint VARCHAR(64);
