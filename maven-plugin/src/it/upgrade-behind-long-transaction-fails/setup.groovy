import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import dev.avatarbot.schema.migration.ChangelogSource
import dev.avatarbot.schema.migration.SchemaMigrations
import org.postgresql.ds.PGSimpleDataSource
import java.time.LocalDate
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong

def url = ItDatabase.create(adminUrl, basedir)
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def revision = new RevisionAuthor(resources).create('Add nickname', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
revision.text = revision.text.replace('<empty/>', '<sql>ALTER TABLE users ADD COLUMN nickname text</sql>')
        .replaceFirst(/(?s)<rollback>.*?<\/rollback>/, '<rollback><sql>ALTER TABLE users DROP COLUMN nickname</sql></rollback>')
def dataSource = new PGSimpleDataSource()
dataSource.setURL(url)
new SchemaMigrations(dataSource, ChangelogSource.directory(resources)).upgradeTo('20250520_initial')
ItDatabase.execute(url, "INSERT INTO users (telegram_id, first_name, language_code) VALUES (1, 'Анна', 'ru')")

// The blocker: a long transaction that has read users (ACCESS SHARE), left open for the whole build.
def blocker = dataSource.getConnection()
blocker.createStatement().execute("SET application_name = 'it-long-report'")
def blockerPid = blocker.createStatement().executeQuery('SELECT pg_backend_pid()').with { it.next(); it.getInt(1) }
blocker.autoCommit = false
blocker.createStatement().execute('LOCK TABLE users IN ACCESS SHARE MODE')

// The reader: what the service does meanwhile, timing each SELECT on users and noting when each
// ended. The watcher, on a connection of its own, notes each span in which the upgrade's ALTER was
// seen waiting for its lock. Times are System.nanoTime() in milliseconds, one clock for both.
def running = new AtomicBoolean(true)
def longestSelect = new AtomicLong()
def selectsDone = Collections.synchronizedList([])
def waits = Collections.synchronizedList([])   // [start, end] of each time the ALTER was seen waiting
def now = { System.nanoTime().intdiv(1_000_000) }
def failure = new java.util.concurrent.atomic.AtomicReference()
def loop = { String name, Closure body ->
    Thread.startDaemon(name) {
        def connection = dataSource.getConnection()
        try {
            while (running.get()) {
                body(connection)
                Thread.sleep(20)
            }
        } catch (Throwable e) {
            failure.set(e)
        } finally {
            connection.close()
        }
    }
}
def reader = loop('it-reader') { connection ->
    long start = System.nanoTime()
    connection.createStatement().executeQuery('SELECT count(*) FROM users').close()
    longestSelect.set(Math.max(longestSelect.get(), System.nanoTime() - start))
    selectsDone << now()
}
def watcher = loop('it-watcher') { connection ->
    def waiting = connection.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity" +
            " WHERE wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE users ADD COLUMN nickname%'")
            .with { it.next(); it.getInt(1) }
    long seen = now()
    if (waiting > 0 && (waits.isEmpty() || waits[-1][1] != null)) {
        waits << [seen, null]
    } else if (waiting == 0 && !waits.isEmpty() && waits[-1][1] == null) {
        waits[-1][1] = seen
    }
}
System.properties.put('avatardb.it.guard', [blocker: blocker, blockerPid: blockerPid, running: running, reader: reader, watcher: watcher,
                                            longestSelect: longestSelect, selectsDone: selectsDone, failure: failure, waits: waits])
return true
