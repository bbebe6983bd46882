-- The names of the secrets each stored value set holds (never their values), kept beside the sealed secrets so that
-- showing a configuration or a profile masks from the names and decrypts nothing. A row without sealed secrets holds
-- none; the names of the rows with sealed secrets stored before this are recorded by the host when it starts, one
-- decryption per row, once (see SecretKeysBackfill).
ALTER TABLE integration_configuration ADD COLUMN secret_keys VARCHAR(8000);
ALTER TABLE authorization_profile ADD COLUMN secret_preset_keys VARCHAR(8000);
ALTER TABLE user_authorization ADD COLUMN secret_keys VARCHAR(8000);
UPDATE integration_configuration SET secret_keys = '[]' WHERE sealed_secrets IS NULL;
UPDATE authorization_profile SET secret_preset_keys = '[]' WHERE sealed_presets IS NULL;
UPDATE user_authorization SET secret_keys = '[]' WHERE sealed_secrets IS NULL;
