import dev.avatarbot.schema.plugin.it.ItDatabase
import java.util.concurrent.TimeUnit

def guard = System.properties.remove('avatardb.it.guard')
guard.running.set(false)
guard.reader.join(10_000)
guard.watcher.join(10_000)
assert guard.failure.get() == null : "the reader failed: ${guard.failure.get()}"
def url = ItDatabase.urlOf(adminUrl, 'it_upgrade_behind_long_transaction_fails')
def log = new File(basedir, 'build.log').text

// One line naming the blocking backend, then the Maven hint.
assert log =~ ("Revision 20261125_add_nickname, changeset 20261125_add_nickname-01 got no lock within 1s in 3 attempts" +
        " and was rolled back \\(nothing of it is applied\\); blocked by backend pid ${guard.blockerPid} \\(user \\w+," +
        " application_name 'it-long-report', idle in transaction since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\S*\\):" +
        " LOCK TABLE users IN ACCESS SHARE MODE\\. End that session or wait for it, then run the goal again")
assert log.contains('attempt 2 of 3 in 500ms') && log.contains('attempt 3 of 3 in 1s')

// Three attempts, each waiting about lockTimeout (1s), no longer; between them the backoff (0.5s,
// 1s) and Liquibase starting again, which a busy machine makes slow, hence the generous total.
def waits = guard.waits.collect { it[1] == null ? null : it[1] - it[0] }
assert waits.size() == 3 && !waits.contains(null) : "the ALTER was seen waiting in three attempts: ${waits} ms"
assert waits.every { it >= 500 && it < 1_500 } : "each attempt waited about the lock timeout: ${waits} ms"
long total = guard.waits[-1][1] - guard.waits[0][0]
assert total < 4_500 + 10_000 : "from the first wait to the last ${total} ms"
// The reader's SELECTs queue behind the waiting ALTER, never longer than the lock timeout (1s) plus a little.
long longest = TimeUnit.NANOSECONDS.toMillis(guard.longestSelect.get())
assert longest < 1_500 : "a SELECT on users was held up for ${longest} ms"

// Unchanged: no column, no trace of the revision.
assert ItDatabase.query(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'" +
        " AND column_name = 'nickname'") == '0'
assert ItDatabase.query(url, "SELECT count(*) FROM databasechangelog WHERE filename LIKE '%20261125_add_nickname%'") == '0'

// Once the blocker commits, the same upgrade applies.
guard.blocker.commit()
guard.blocker.close()
def again = ItDatabase.startMaven(basedir, itRepository, outerRepository, 'upgrade-again.log',
        'schema:upgrade', '-Dschema.lockTimeout=1s', '-Dschema.lockRetries=2')
assert again.waitFor() == 0 : new File(basedir, 'upgrade-again.log').text
assert new File(basedir, 'upgrade-again.log').text.contains('Upgraded 20250520_initial -> 20261125_add_nickname')
assert ItDatabase.query(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'" +
        " AND column_name = 'nickname'") == '1'
return true
