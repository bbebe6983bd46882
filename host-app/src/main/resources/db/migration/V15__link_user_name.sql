-- The end user's display name, when the call that issued the link gave one ("userName" beside "userId"), so that
-- the link's page greets the person rather than an id; NULL for links issued without one, and before.
ALTER TABLE authorization_link ADD COLUMN user_name VARCHAR(200);
