-- What revoking a row's tokens at the provider needs (the resolved revocation endpoint, the OAuth app's client id and
-- secret, its client authentication method), sealed by the vault when the tokens are stored, so that tokens whose
-- credentials were removed can be revoked without the configuration, profile or plugin they came from. Null when the
-- provider declares no revocation endpoint, and on rows stored before: those are only deleted.
ALTER TABLE oauth_token ADD COLUMN sealed_revocation VARCHAR(65536);
