package app.rigtrail.demo;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Moves rows of CSV into tables with PostgreSQL's COPY: each {@link Table} gathers its rows until it is
 * flushed. What the rows say is the generator's business ({@link DemoRepairHistory}); this class only
 * writes them.
 */
final class DemoCopyWriter {

    /** A table written by COPY: its statement ({@code copy t (cols) from stdin (format csv)}) and the rows waiting. */
    static final class Table {
        final String copy;
        final StringBuilder rows = new StringBuilder();

        Table(String copy) {
            this.copy = copy;
        }
    }

    private final CopyManager copy;

    DemoCopyWriter(Connection c) throws SQLException {
        this.copy = c.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Writes the tables' rows in the order given (a table before those that refer to it) and empties them. */
    void flush(Table... tables) {
        for (Table t : tables) {
            try {
                copy(t.copy, t.rows);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY refused: " + e.getMessage(), e);
            }
            t.rows.setLength(0);
        }
    }

    /** Writes rows with one COPY statement; nothing when there are none. */
    void copy(String sql, CharSequence rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            copy.copyIn(sql, new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
