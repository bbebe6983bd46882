package io.integrationhost.host.oauth;

import io.integrationhost.api.metadata.OAuth2ClientAuthentication;
import io.integrationhost.host.storage.Columns;
import io.integrationhost.host.storage.Jdbc;
import io.integrationhost.host.vault.CredentialVault;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code oauth_token} rows: the tokens sealed by the vault, bound to {@code "oauth:" + credentialsId} so that a
 * sealed value copied onto another row does not open there; the rest plain, for what an administrator may see.
 */
final class OAuthTokenStore {

    private static final int MAX_CONNECTED_AS = 500;
    private static final List<String> KEY = List.of("credentials_id");
    private static final List<String> COLUMNS = List.of("credentials_id", "integration_id", "user_id", "sealed_tokens",
            "has_refresh_token", "token_type", "scopes", "expires_at", "refreshed_at", "stored_at", "connected_as", "version",
            "sealed_revocation");
    private static final String ACCESS = "access";
    private static final String REFRESH = "refresh";
    private static final String REVOCATION_ENDPOINT = "endpoint";
    private static final String AUTHENTICATION = "authentication";
    private static final String CLIENT_ID = "clientId";
    private static final String CLIENT_SECRET = "clientSecret";
    /** A row none of the stored credentials owns any more: its configuration or user authorization was removed. */
    private static final String ORPHAN = "NOT EXISTS (SELECT 1 FROM integration_configuration c"
            + " WHERE c.credentials_id = t.credentials_id) AND NOT EXISTS (SELECT 1 FROM user_authorization u"
            + " WHERE u.credentials_id = t.credentials_id)";

    private final Jdbc jdbc;
    private final CredentialVault vault;

    OAuthTokenStore(Jdbc jdbc, CredentialVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /**
     * One row, its tokens still sealed.
     *
     * @param version 1 when stored, one more with each refresh
     * @param sealedRevocation what revoking the tokens needs ({@link Revocation}), sealed; {@code null} when the
     *     provider declares no revocation endpoint, or the row was stored before the host kept it
     */
    record Row(String credentialsId, OAuthTokens.Owner owner, String sealedTokens, boolean hasRefreshToken,
               String tokenType, List<String> scopes, Instant expiresAt, Instant refreshedAt, Instant storedAt,
               String connectedAs, long version, String sealedRevocation) {

        OAuthTokens.State state() {
            return new OAuthTokens.State(connectedAs, scopes, expiresAt, refreshedAt, storedAt, hasRefreshToken);
        }
    }

    /** A row's tokens, opened. {@link #toString()} never shows them. */
    record Opened(String accessToken, String refreshToken) {
        @Override
        public String toString() {
            return "Opened[values hidden]";
        }
    }

    void insert(OAuthTokens.Owner owner, String credentialsId, TokenGrant grant, String connectedAs, Instant storedAt,
                Optional<Revocation> revocation) {
        jdbc.upsert("oauth_token", KEY, COLUMNS, credentialsId, owner.integrationId(), owner.userId(),
                seal(credentialsId, grant.accessToken(), grant.refreshToken()), grant.refreshToken() != null,
                grant.tokenType(), String.join(" ", grant.scopes()), millis(grant.expiresAt()), null, storedAt.toEpochMilli(),
                Columns.fit(connectedAs, MAX_CONNECTED_AS), 1L, revocation.map(r -> seal(credentialsId, r)).orElse(null));
    }

    Optional<Row> find(String credentialsId) {
        return jdbc.queryOne("SELECT * FROM oauth_token WHERE credentials_id = ?", OAuthTokenStore::map, credentialsId);
    }

    /** The row, locked until the current transaction ends: other instances' refreshes wait for this one. */
    Optional<Row> lock(String credentialsId) {
        return jdbc.queryOne("SELECT * FROM oauth_token WHERE credentials_id = ? FOR UPDATE", OAuthTokenStore::map,
                credentialsId);
    }

    /**
     * Stores refreshed tokens in place of version {@code version}: the refresh token {@code refreshToken} (the rotated
     * one, or the one held), and the version one more. False when the row is no longer at that version.
     */
    boolean replace(Row row, TokenGrant grant, String refreshToken, Instant refreshedAt) {
        return jdbc.update("UPDATE oauth_token SET sealed_tokens = ?, has_refresh_token = ?, token_type = ?, scopes = ?,"
                        + " expires_at = ?, refreshed_at = ?, version = ? WHERE credentials_id = ? AND version = ?",
                seal(row.credentialsId(), grant.accessToken(), refreshToken), refreshToken != null, grant.tokenType(),
                String.join(" ", grant.scopes()), millis(grant.expiresAt()), refreshedAt.toEpochMilli(), row.version() + 1,
                row.credentialsId(), row.version()) == 1;
    }

    boolean delete(String credentialsId) {
        return jdbc.update("DELETE FROM oauth_token WHERE credentials_id = ?", credentialsId) == 1;
    }

    /** The credentials ids of the rows whose credentials are neither a configuration's nor an end user's authorization's. */
    List<String> orphans() {
        return jdbc.query("SELECT credentials_id FROM oauth_token t WHERE " + ORPHAN, row -> row.getString(1));
    }

    /**
     * The row, unless another transaction holds it (a sweep revoking it, a refresh under way: empty then, without
     * waiting), locked until the current transaction ends.
     */
    Optional<Row> lockUnlessHeld(String credentialsId) {
        return jdbc.queryOne("SELECT * FROM oauth_token WHERE credentials_id = ? FOR UPDATE SKIP LOCKED", OAuthTokenStore::map,
                credentialsId);
    }

    /**
     * The row, if it is still an orphan and no other transaction holds it (another instance's sweep, a refresh under
     * way), locked until the current transaction ends; empty otherwise, without waiting.
     */
    Optional<Row> lockOrphan(String credentialsId) {
        return jdbc.queryOne("SELECT * FROM oauth_token t WHERE credentials_id = ? AND " + ORPHAN + " FOR UPDATE SKIP LOCKED",
                OAuthTokenStore::map, credentialsId);
    }

    Opened open(Row row) {
        Map<String, String> tokens = vault.open(row.sealedTokens(), binding(row.credentialsId()));
        return new Opened(tokens.get(ACCESS), tokens.get(REFRESH));
    }

    /** What revoking the row's tokens needs; empty when it was not stored with them. */
    Optional<Revocation> revocation(Row row) {
        if (row.sealedRevocation() == null) {
            return Optional.empty();
        }
        Map<String, String> opened = vault.open(row.sealedRevocation(), revocationBinding(row.credentialsId()));
        return Optional.of(new Revocation(URI.create(opened.get(REVOCATION_ENDPOINT)),
                OAuth2ClientAuthentication.valueOf(opened.get(AUTHENTICATION)),
                new ClientApp(opened.get(CLIENT_ID), opened.get(CLIENT_SECRET))));
    }

    private String seal(String credentialsId, Revocation revocation) {
        return vault.seal(Map.of(REVOCATION_ENDPOINT, revocation.endpoint().toString(),
                AUTHENTICATION, revocation.authentication().name(), CLIENT_ID, revocation.app().clientId(),
                CLIENT_SECRET, revocation.app().clientSecret()), revocationBinding(credentialsId));
    }

    private String seal(String credentialsId, String accessToken, String refreshToken) {
        Map<String, String> tokens = new HashMap<>();
        tokens.put(ACCESS, accessToken);
        if (refreshToken != null) {
            tokens.put(REFRESH, refreshToken);
        }
        return vault.seal(tokens, binding(credentialsId));
    }

    private static String binding(String credentialsId) {
        return "oauth:" + credentialsId;
    }

    private static String revocationBinding(String credentialsId) {
        return "oauth-revocation:" + credentialsId;
    }

    private static Row map(ResultSet row) throws SQLException {
        String scopes = row.getString("scopes");
        return new Row(row.getString("credentials_id"),
                new OAuthTokens.Owner(row.getString("integration_id"), row.getString("user_id")),
                row.getString("sealed_tokens"), row.getBoolean("has_refresh_token"), row.getString("token_type"),
                scopes.isEmpty() ? List.of() : List.of(scopes.split(" ")), instant(row, "expires_at"),
                instant(row, "refreshed_at"), Instant.ofEpochMilli(row.getLong("stored_at")), row.getString("connected_as"),
                row.getLong("version"), row.getString("sealed_revocation"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
