package io.integrationhost.host.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.integrationhost.host.config.StartupException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The host's database: an embedded H2 file under the data folder by default, or any JDBC URL (PostgreSQL
 * for several host instances). Opening it applies the versioned migrations in {@code db/migration}.
 */
public final class Database implements AutoCloseable {

    /** H2's trace file, which it creates on its first error in a statement and then appends to. */
    private static final String H2_TRACE_FILE = "host.trace.db";

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

    /**
     * Opens the embedded H2 database in {@code dataDir}, whose files only the host's user may read: H2 creates its
     * files with the process's umask, which Java cannot set, so the folder is made owner-only (0700) before H2 writes
     * anything, H2's trace file is created owner-only beforehand (H2 appends to it and keeps its mode), and the
     * files H2 created while opening are restricted to their owner (0600) right after.
     */
    public static Database openEmbedded(Path dataDir, int poolSize) {
        try {
            DataFiles.ownerOnlyFolder(dataDir);
            DataFiles.createOnce(dataDir.resolve(H2_TRACE_FILE), "");
        } catch (IOException e) {
            throw restrictionFailed(dataDir, e);
        }
        Database database = open(embeddedUrl(dataDir), null, null, poolSize);
        try {
            DataFiles.ownerOnlyContents(dataDir);
        } catch (IOException e) {
            database.close();
            throw restrictionFailed(dataDir, e);
        }
        return database;
    }

    private static StartupException restrictionFailed(Path dataDir, IOException e) {
        return new StartupException("The data folder " + dataDir.toAbsolutePath() + " cannot be made readable by its owner only: "
                + e.getMessage(), "Start the host as the user who owns that folder, or choose another with --data-dir.");
    }

    /**
     * Connects, migrates and returns the database, holding at most {@code poolSize} connections. Credentials may be
     * part of the URL or given apart.
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
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

    /**
     * Lets {@code meters} follow the connection pool through HikariCP's own binding ({@code hikaricp_connections_*}:
     * active, idle, pending, timeouts, acquisition and usage times). Once per database.
     */
    public void measuredBy(MeterRegistry meters) {
        dataSource.setMetricRegistry(meters);
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
