-- Names one stored set of credentials: a new random id each time credentials are stored, so that a call the
-- remote system refused can say which credentials it used, and a refusal of older ones never touches newer ones.

ALTER TABLE integration_configuration ADD COLUMN credentials_id VARCHAR(36) DEFAULT 'stored-before-v3' NOT NULL;

ALTER TABLE user_authorization ADD COLUMN credentials_id VARCHAR(36) DEFAULT 'stored-before-v3' NOT NULL;
