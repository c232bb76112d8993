package dev.avatarbot.schema.transfer;

import java.time.OffsetDateTime;

/**
 * What every step of one run shares: the options, the listener, the run's connections, the reject
 * files, the source snapshot every reader joins, how many jobs it works with (fewer than asked when
 * the pools gave fewer connections), since when the target's rows are the service's, and the run's
 * {@link Timeline}.
 *
 * @param lastFinished when the last transfer into the target finished (null: none has): a row
 *                     whose {@code updated_at} is later was written by the service since, and is left alone
 * @param startedAt    when this run began, by the target's clock: live, a row whose {@code updated_at} is
 *                     later was written by the service meanwhile
 * @param timeline     where the steps record when they began and ended
 */
record TransferRun(TransferOptions options, TransferListener listener, RunSessions sessions, RejectFiles rejectFiles,
                   String snapshot, int jobs, OffsetDateTime lastFinished, OffsetDateTime startedAt,
                   Timeline timeline) {
}
