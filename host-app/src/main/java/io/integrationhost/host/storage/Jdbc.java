package io.integrationhost.host.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC with the ceremony removed: parameters bound in order, rows mapped by a function, and
 * several statements in one transaction. Inside {@link #inTransaction} every call joins that
 * transaction.
 */
public final class Jdbc {

    private final DataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private volatile Boolean postgres;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    public int update(String sql, Object... parameters) {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    /** Runs one statement for each parameter row, sent together: one round trip where the driver allows it. */
    public void batch(String sql, List<Object[]> rows) {
        withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        statement.setObject(i + 1, row[i]);
                    }
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    /**
     * Inserts a row, or updates the row with the same key, in one statement that a concurrent insert of the
     * same key does not make fail: {@code INSERT … ON CONFLICT … DO UPDATE} on PostgreSQL, {@code MERGE … KEY}
     * on H2. (A delete then insert, or an update then insert, lets two transactions both insert.)
     *
     * @param key the key's columns, also named in {@code columns}
     * @param columns the columns {@code parameters} are bound to, in order
     */
    public int upsert(String table, List<String> key, List<String> columns, Object... parameters) {
        String names = String.join(", ", columns);
        String placeholders = String.join(", ", columns.stream().map(column -> "?").toList());
        String sql = isPostgres()
                ? "INSERT INTO " + table + " (" + names + ") VALUES (" + placeholders + ") ON CONFLICT (" + String.join(", ", key)
                        + ") DO UPDATE SET " + String.join(", ", columns.stream().filter(column -> !key.contains(column))
                        .map(column -> column + " = EXCLUDED." + column).toList())
                : "MERGE INTO " + table + " (" + names + ") KEY (" + String.join(", ", key) + ") VALUES (" + placeholders + ")";
        return update(sql, parameters);
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                 ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = query(sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    public <T> T inTransaction(Work<T> work) {
        if (current.get() != null) {
            try {
                return work.run();
            } catch (SQLException e) {
                throw new StorageException(e);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            current.set(connection);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e instanceof SQLException sql ? new StorageException(sql) : (RuntimeException) e;
            } finally {
                current.remove();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        Connection joined = current.get();
        try {
            if (joined != null) {
                return work.run(joined);
            }
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = withConnection(connection -> "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
            postgres = known;
        }
        return known;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
