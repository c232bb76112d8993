package dev.avatarbot.schema.migration;

import java.util.List;
import java.util.Optional;

import dev.avatarbot.schema.core.SchemaException;

/**
 * A changeset outside a transaction ({@code runInTransaction="false"}) got no lock for one of its
 * statements after others of it had committed. It is not tried again, as that would run the
 * committed ones twice; the message names what is applied and what is not.
 */
public class PartlyAppliedException extends SchemaException.UserError {

    private final transient Blocker blocker;
    private final List<String> applied;
    private final List<String> notApplied;

    public PartlyAppliedException(String message, List<String> applied, List<String> notApplied, Blocker blocker,
                                  Throwable cause) {
        super(message, cause);
        this.applied = List.copyOf(applied);
        this.notApplied = List.copyOf(notApplied);
        this.blocker = blocker;
    }

    /** The changeset's statements that committed, in order. */
    public List<String> applied() {
        return applied;
    }

    /** The statement that timed out and those after it. */
    public List<String> notApplied() {
        return notApplied;
    }

    /** The backend that held the statement up, when it was seen. */
    public Optional<Blocker> blocker() {
        return Optional.ofNullable(blocker);
    }
}
