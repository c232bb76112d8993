package dev.avatarbot.schema.transfer;

/** Hears how a transfer goes; the Maven goal logs it, a test may watch or interrupt it. */
public interface TransferListener {

    /**
     * A long table's progress, at most every {@link TransferOptions#progressEvery()}; {@code total} is the
     * planner's estimate of the source's rows where it has one (a count costs a full scan).
     */
    default void progress(String table, long done, long total, double rowsPerSecond, double secondsLeft) {
    }

    /** A batch was written (and committed, unless dry run). */
    default void batchDone(String table, long done) {
    }

    default void tableDone(TableResult result) {
    }

    /**
     * A primary key, index or foreign key taken down for the load ({@code "primary key pk_users"},
     * {@code "index uq_users_telegram_id"}, {@code "foreign key fk_avatars_user_id"}) is back, and
     * committed.
     */
    default void restored(String table, String definition) {
    }

    /** One line about how the run goes that is no table's (it works with fewer jobs than asked, say). */
    default void note(String line) {
    }

    TransferListener NONE = new TransferListener() {
    };
}
