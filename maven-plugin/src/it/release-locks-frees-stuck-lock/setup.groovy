import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.authoring.RevisionAuthor
import java.time.LocalDate

def url = ItDatabase.create(adminUrl, basedir)
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\n")
// A revision that takes a while, so that the upgrade can be killed while it holds Liquibase's lock.
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
def resources = new File(basedir, 'schema-lib/src/main/resources').toPath()
def slow = new RevisionAuthor(resources).create('Slow backfill', 'it', LocalDate.of(2026, 11, 25)).file().toFile()
slow.text = slow.text.replace('<empty/>', '<sql>SELECT pg_sleep(4)</sql>')

// Start a real upgrade and kill it (SIGKILL) once it holds the lock. The wait is generous: on a loaded
// machine Maven's start alone can take a minute.
def upgrade = ItDatabase.startMaven(basedir, itRepository, outerRepository, 'killed-upgrade.log', 'schema:upgrade')
def deadline = System.currentTimeMillis() + 300_000
def caught = false
while (!caught && System.currentTimeMillis() < deadline && upgrade.isAlive()) {
    def locked = ItDatabase.query(url, "SELECT to_regclass('databasechangeloglock') IS NOT NULL") == 't'
            ? ItDatabase.query(url, 'SELECT locked::text FROM databasechangeloglock WHERE id = 1') : 'false'
    def sleeping = ItDatabase.query(url, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(4)%'")
    caught = locked == 'true' && sleeping == '1'
    if (!caught) {
        Thread.sleep(50)
    }
}
upgrade.destroyForcibly()
assert caught : 'the upgrade never held the lock while its slow revision ran: see killed-upgrade.log'
assert upgrade.waitFor() != 0 : 'the upgrade was killed'
assert ItDatabase.query(url, 'SELECT locked::text FROM databasechangeloglock WHERE id = 1') == 'true'
return true
