import dev.avatarbot.schema.plugin.it.ItDatabase
import java.util.concurrent.TimeUnit

def guard = System.properties.remove('avatardb.it.guard')
guard.running.set(false)
guard.reader.join(10_000)
guard.watcher.join(10_000)
assert guard.failure.get() == null : "the reader failed: ${guard.failure.get()}"
def url = ItDatabase.urlOf(adminUrl, 'it_upgrade_behind_long_transaction_fails')
def log = new File(basedir, 'build.log').text

// One line naming the blocking backend (not its query: -Dschema.blocker.showQuery=true), then the Maven hint.
assert log =~ ("Revision 20261125_add_nickname, changeset 20261125_add_nickname-01 got no lock within 1s in 3 attempts" +
        " and was rolled back \\(nothing of it is applied\\); blocked by backend pid ${guard.blockerPid} \\(user \\w+," +
        " application_name 'it-long-report', idle in transaction since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\S*\\)\\." +
        " End that session or wait for it, then run the goal again")
assert !log.contains('LOCK TABLE users IN ACCESS SHARE MODE') : "the blocker's query is shown only with -Dschema.blocker.showQuery=true"

// The guard's promise, in order: an attempt waits for its lock at most the lock timeout, is rolled
// back, and pauses (500ms, then 1s) holding no lock, so the service's SELECTs get through; then the
// next attempt; after the third, the failure. Checked as an order of events; the only time bounds
// are the guard's own (lock timeout x attempts) plus a margin for a loaded machine.
def lines = log.readLines()
def lineOf = { String text -> lines.findIndexOf { it.contains(text) } }
def announced = [lineOf('attempt 2 of 3 in 500ms'), lineOf('attempt 3 of 3 in 1s'), lineOf('got no lock within 1s in 3 attempts')]
assert !announced.contains(-1) && announced == announced.sort(false) : "retries, then the failure, in order: ${announced}"

def lockTimeout = 1_000, attempts = 3, margin = 5_000
def waits = guard.waits.collect { it.clone() }
assert waits.size() == attempts && waits.every { it[1] != null } : "the ALTER was seen waiting in three separate attempts: ${waits}"
def selectsDone = guard.selectsDone.collect()
(0..<attempts - 1).each { i ->
    assert selectsDone.any { it > waits[i][0] && it < waits[i + 1][0] } :
            "no SELECT on users got through between attempt ${i + 1} and attempt ${i + 2}: ${waits}"
}
long waited = waits.sum { it[1] - it[0] }
assert waited <= lockTimeout * attempts + margin : "the ALTER waited ${waited} ms in all: ${waits}"
long longest = TimeUnit.NANOSECONDS.toMillis(guard.longestSelect.get())
assert longest <= lockTimeout * attempts + margin : "a SELECT on users was held up for ${longest} ms"

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
