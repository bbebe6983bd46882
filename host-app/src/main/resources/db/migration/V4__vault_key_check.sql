-- One value sealed with the master key of the first instance on this database. Every instance opens it at start:
-- one started with another key refuses to start, instead of failing on every stored credential later.
CREATE TABLE vault_key_check (
    id               INT           NOT NULL PRIMARY KEY,
    sealed           VARCHAR(200)  NOT NULL,
    created_at       BIGINT        NOT NULL
);
