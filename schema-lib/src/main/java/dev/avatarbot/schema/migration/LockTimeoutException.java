package dev.avatarbot.schema.migration;

import java.util.Optional;

import dev.avatarbot.schema.core.SchemaException;

/**
 * A changeset could not get its locks within the lock timeout, in any of its attempts: another
 * session holds the table (usually a long transaction). The changeset was rolled back, so nothing
 * of it is applied; the message names the blocking backend when it was seen. (A changeset outside a
 * transaction that timed out after some of it committed is a {@link PartlyAppliedException}.)
 */
public class LockTimeoutException extends SchemaException.UserError {

    private final transient Blocker blocker;

    public LockTimeoutException(String message, Blocker blocker, Throwable cause) {
        super(message, cause);
        this.blocker = blocker;
    }

    /** The backend that held the changeset up, when it was seen. */
    public Optional<Blocker> blocker() {
        return Optional.ofNullable(blocker);
    }
}
