-- The OAuth 2.0 authorization code flows in progress (see OAuthFlows): one row per started flow, found by the hash of
-- its state, bound to the browser that started it by the hash of that browser's cookie. The PKCE verifier and the
-- values entered are sealed (vault, bound to the row). A flow is spent once (used_at), and removed a day after it
-- expires.
CREATE TABLE oauth_flow (
    state_hash       VARCHAR(64)    NOT NULL PRIMARY KEY,
    browser_hash     VARCHAR(64)    NOT NULL,
    kind             VARCHAR(32)    NOT NULL,
    integration_id   VARCHAR(64)    NOT NULL,
    user_id          VARCHAR(200),
    link_hash        VARCHAR(64),
    profile_id       VARCHAR(36),
    plugin_id        VARCHAR(255)   NOT NULL,
    sealed_flow      VARCHAR(65536) NOT NULL,
    created_at       BIGINT         NOT NULL,
    expires_at       BIGINT         NOT NULL,
    used_at          BIGINT
);
CREATE INDEX ix_oauth_flow_expires_at ON oauth_flow (expires_at);
