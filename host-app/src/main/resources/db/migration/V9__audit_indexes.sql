-- The audit trail is read newest first, for one integration or for all (GET /api/audit), and pruned by age.
-- "Newest" is the time an entry was recorded: an action entry is written in a batch, after changes recorded since.
CREATE INDEX ix_audit_event_integration_time ON audit_event (integration_id, occurred_at DESC, id DESC);
CREATE INDEX ix_audit_event_time ON audit_event (occurred_at DESC, id DESC);
DROP INDEX ix_audit_event_integration;
