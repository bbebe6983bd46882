-- The OAuth 2.0 tokens of stored credentials (a configuration's or an end user's authorization), one row per
-- credentials id. The access and refresh tokens are sealed together, bound to 'oauth:' + credentials_id; what an
-- administrator may see of them (type, scopes, times, what the connection test said) is plain. A refresh updates the
-- row under a row lock and adds one to version, so that calls on every host instance refresh one credential once.
CREATE TABLE oauth_token (
    credentials_id    VARCHAR(64)    NOT NULL PRIMARY KEY,
    integration_id    VARCHAR(64)    NOT NULL,
    user_id           VARCHAR(200),
    sealed_tokens     VARCHAR(65536) NOT NULL,
    has_refresh_token BOOLEAN        NOT NULL,
    token_type        VARCHAR(64)    NOT NULL,
    scopes            VARCHAR(65536) NOT NULL,
    expires_at        BIGINT,
    refreshed_at      BIGINT,
    stored_at         BIGINT         NOT NULL,
    connected_as      VARCHAR(500),
    version           BIGINT         NOT NULL
);
CREATE INDEX ix_oauth_token_integration ON oauth_token (integration_id);
