-- Links are removed a day after they expire (see EndUserAuthorizations.issueLink); this keeps that removal a
-- range read however many links were ever issued.
CREATE INDEX ix_authorization_link_expires_at ON authorization_link (expires_at);
