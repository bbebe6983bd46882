-- The plugin set every host instance on this database runs, and what each instance has made of it.
-- cluster_plugins holds each plugin's jar (and the jar of the version its last upgrade replaced, for a rollback) with
-- its SHA-256; an uninstalled plugin keeps its row with removed set and no jar, so that an instance that still has the
-- jar in its folder (it was stopped during the uninstall) removes it rather than publishing it again. BYTEA is a binary
-- column on PostgreSQL and an alias of VARBINARY on H2. cluster_generation is one row whose number moves on every change of the set, so that an instance learns with one read by its key whether the set
-- changed since it last brought itself in line.
CREATE TABLE cluster_plugins (
    plugin_id          VARCHAR(200)  NOT NULL PRIMARY KEY,
    version            VARCHAR(200)  NOT NULL,
    file_name          VARCHAR(200)  NOT NULL,
    sha256             VARCHAR(64)   NOT NULL,
    size_bytes         BIGINT        NOT NULL,
    removed            BOOLEAN       NOT NULL,
    jar                BYTEA,
    previous_version   VARCHAR(200),
    previous_file_name VARCHAR(200),
    previous_sha256    VARCHAR(64),
    previous_jar       BYTEA,
    generation         BIGINT        NOT NULL,
    changed_at         BIGINT        NOT NULL,
    changed_by         VARCHAR(200)  NOT NULL
);

CREATE TABLE cluster_generation (
    id         INT    NOT NULL PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO cluster_generation (id, generation) VALUES (1, 0);

-- One row per host instance that ever ran on this database: heartbeat_at (its clock, milliseconds) says whether it is
-- live, applied_generation how far it has brought its plugins in line.
CREATE TABLE host_instances (
    instance_id        VARCHAR(200) NOT NULL PRIMARY KEY,
    started_at         BIGINT       NOT NULL,
    heartbeat_at       BIGINT       NOT NULL,
    applied_generation BIGINT       NOT NULL
);

-- What each instance runs of each plugin: its state there and why, and the SHA-256 of the jar it runs (so that at its
-- next start it tells a jar an operator changed in its folder meanwhile from one the set changed).
CREATE TABLE instance_plugins (
    instance_id VARCHAR(200)  NOT NULL,
    plugin_id   VARCHAR(200)  NOT NULL,
    version     VARCHAR(200),
    sha256      VARCHAR(64),
    state       VARCHAR(32)   NOT NULL,
    reason      VARCHAR(4000),
    seen_at     BIGINT        NOT NULL,
    PRIMARY KEY (instance_id, plugin_id)
);
