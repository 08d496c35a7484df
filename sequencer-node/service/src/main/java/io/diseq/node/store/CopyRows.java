package io.diseq.node.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Rows encoded in PostgreSQL's binary COPY format (header, tuples, trailer) and sent with ONE
 * {@code COPY ... FROM STDIN (FORMAT binary)} through PgJDBC's {@code CopyManager}. Binary format
 * needs no escaping: a bytea field is its length and its raw bytes, so payloads with 0x00,
 * backslashes, tabs or newlines travel unchanged. Each row must be written with exactly the column
 * count given at construction, in the column order of the COPY statement. Not thread-safe.
 */
final class CopyRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final ByteArrayOutputStream buffer;
    private final DataOutputStream out;
    private final short columns;
    private int rows;

    /** @param expectedBytes a sizing hint for the buffer */
    CopyRows(int columns, int expectedBytes) {
        this.columns = (short) columns;
        this.buffer = new ByteArrayOutputStream(Math.max(64, expectedBytes));
        this.out = new DataOutputStream(buffer);
        try {
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the next row. */
    CopyRows row() {
        try {
            out.writeShort(columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
        return this;
    }

    CopyRows bytea(byte[] value) {
        try {
            out.writeInt(value.length);
            out.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    CopyRows int8(long value) {
        try {
            out.writeInt(8);
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    CopyRows int4(int value) {
        try {
            out.writeInt(4);
            out.writeInt(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    int rows() {
        return rows;
    }

    /**
     * Sends the rows with {@code COPY <target> FROM STDIN (FORMAT binary)} on {@code connection}
     * (inside the caller's transaction); a failed COPY (e.g. a unique violation) fails the statement
     * and with it the transaction. Does nothing for zero rows. Returns the rows PostgreSQL took.
     */
    long copyInto(Connection connection, String target) {
        if (rows == 0) {
            return 0;
        }
        try {
            out.writeShort(-1);
            out.flush();
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY " + target + " FROM STDIN (FORMAT binary)", new ByteArrayInputStream(buffer.toByteArray()));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + target + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
