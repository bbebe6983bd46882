package io.integrationhost.host.storage;

import java.sql.SQLException;

/** A database failure. Its message is the driver's, which never includes bound parameter values. */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StorageException(SQLException cause) {
        super("Database failure (SQLState " + cause.getSQLState() + "): " + cause.getMessage(), cause);
    }

    /** Whether the failure is a unique-key or primary-key violation. */
    public boolean isDuplicateKey() {
        SQLException cause = (SQLException) getCause();
        return cause.getSQLState() != null && cause.getSQLState().startsWith("23")
                && (cause.getSQLState().equals("23505") || cause.getErrorCode() == 23505);
    }
}
