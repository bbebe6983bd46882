package io.integrationhost.host.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the storage tests run against: the embedded H2 file, and a real PostgreSQL server given
 * by {@code TEST_POSTGRES_URL} (CI starts one; with {@code REQUIRE_POSTGRES=true} its absence fails the
 * build instead of skipping those tests).
 */
public enum Databases {
    H2, POSTGRESQL;

    /** A JDBC URL of an empty database of this kind, for one test. */
    public String freshUrl(Path dataDir) {
        if (this == H2) {
            return io.integrationhost.host.storage.Database.embeddedUrl(dataDir);
        }
        String url = System.getenv("TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv("REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("TEST_POSTGRES_URL is not set but REQUIRE_POSTGRES=true");
            }
            Assumptions.abort("TEST_POSTGRES_URL is not set: PostgreSQL storage tests skipped (.ci/run sets it)");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a schema on " + url + ": " + e.getMessage(), e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Runs statements on the database at {@code url}, as an operator's SQL client would. */
    public static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The number a {@code SELECT COUNT(*)} query answers. */
    public static long count(String url, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
