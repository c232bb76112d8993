package dev.avatarbot.schema.transfer;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The transfer's worker threads: daemon pools by name, and waiting for a task with its SQL failure intact. */
final class Parallel {

    /** How long a stopping pool's running tasks get before their statements are cancelled. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private Parallel() {
    }

    static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Cancels the tasks not begun and waits for the running ones: a failed run does not return while
     * a statement of its own still runs behind it. Every wait of a task is bounded (lock timeouts);
     * a task still running after {@link #GRACE} (a long index build behind a failure) has its
     * statements cancelled, and after another {@link #GRACE} the run returns anyway, its threads
     * being daemons whose connections it is about to close.
     */
    static void stop(ExecutorService pool, RunSessions sessions) {
        pool.shutdownNow();
        boolean interrupted = false;
        for (int round = 0; round < 2; round++) {
            try {
                if (pool.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            sessions.cancelRunning();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The task's result; its SQLException or runtime exception is thrown as it was. */
    static <T> T await(Future<T> task, String what) throws SQLException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(what + " failed", e.getCause());
        }
    }
}
