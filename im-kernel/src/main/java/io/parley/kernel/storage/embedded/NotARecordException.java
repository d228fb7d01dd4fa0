package io.parley.kernel.storage.embedded;

import java.io.IOException;

/**
 * The bytes at a log position are not a whole, valid record (a bad length or checksum, or they end early, or do not
 * decode), as opposed to a failure to read them at all.
 */
final class NotARecordException extends IOException {
    NotARecordException(String message) {
        super(message);
    }

    NotARecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
