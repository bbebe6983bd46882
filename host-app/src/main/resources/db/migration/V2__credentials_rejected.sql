-- When the remote system rejected an integration's stored pre-authorized credentials; NULL while they are not
-- known to be rejected. Disabling keeps it: only storing credentials that pass the connection test clears it.

ALTER TABLE integration_configuration ADD COLUMN rejected_at BIGINT;

UPDATE integration_configuration SET rejected_at = updated_at WHERE state = 'ERROR';
