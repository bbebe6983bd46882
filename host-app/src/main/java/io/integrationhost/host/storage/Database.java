package io.integrationhost.host.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The host's database: an embedded H2 file under the data folder by default, or any JDBC URL (PostgreSQL
 * for several host instances). Opening it applies the versioned migrations in {@code db/migration}.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The embedded default. {@code WRITE_DELAY=0} makes H2 write each commit to the file before it
     * returns, so a killed process loses nothing that was acknowledged.
     *
     * <p>{@code async:} is H2's file system over an {@code AsynchronousFileChannel}. H2's default channel is an
     * interruptible NIO {@code FileChannel}: when any thread is interrupted while it reads or writes, Java closes the
     * channel ({@code ClosedByInterruptException}) and H2 closes the whole database for every connection until a
     * restart. Threads do get interrupted here: the web server interrupts its request threads when it stops, and a
     * request thread is interrupted while it waits for a plugin. {@code async:} waits for each read and write to
     * complete without giving up on an interruption (it restores the flag afterwards), so an interruption ends one
     * call, never the database. ({@code DB_CLOSE_ON_EXIT} is about the JVM's shutdown hook, not about this.)
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:async:" + dataDir.resolve("host").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Connects, migrates and returns the database. Credentials may be part of the URL or given apart. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(16);
        config.setPoolName("host-db");
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbc jdbc() {
        return new Jdbc(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
