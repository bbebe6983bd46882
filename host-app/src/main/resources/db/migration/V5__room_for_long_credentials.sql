-- Room for every credential form the host accepts (values of at most 16,000 characters together, see
-- CredentialForm), once serialised and, for secrets, sealed: SET DATA TYPE is the form H2 and PostgreSQL share.
ALTER TABLE integration_configuration ALTER COLUMN public_values SET DATA TYPE VARCHAR(65536);
ALTER TABLE integration_configuration ALTER COLUMN sealed_secrets SET DATA TYPE VARCHAR(65536);
ALTER TABLE authorization_profile ALTER COLUMN public_presets SET DATA TYPE VARCHAR(65536);
ALTER TABLE authorization_profile ALTER COLUMN sealed_presets SET DATA TYPE VARCHAR(65536);
ALTER TABLE user_authorization ALTER COLUMN public_values SET DATA TYPE VARCHAR(65536);
ALTER TABLE user_authorization ALTER COLUMN sealed_secrets SET DATA TYPE VARCHAR(65536);
