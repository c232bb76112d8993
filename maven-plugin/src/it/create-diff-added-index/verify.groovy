import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def log = new File(basedir, 'build.log').text
def revision = DiffRoundTrip.checkedRevision(basedir)
// schema:lint finds nothing in it, not even a warning.
assert log =~ /Lint: 2 revisions, \d+ changesets: 0 errors, 0 warnings, 0 allowed\./
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
// Its own changeset, outside a transaction, built and dropped CONCURRENTLY.
def changeSet = (revision =~ /(?s)<changeSet id="[^"]*-ix_avatars_name"[^>]*>.*?<\/changeSet>/)[0]
assert changeSet.contains('runInTransaction="false"')
assert changeSet.contains('CREATE INDEX CONCURRENTLY ix_avatars_name ON avatars (name)')
assert changeSet.contains('DROP INDEX CONCURRENTLY IF EXISTS ix_avatars_name')
// schema:test-rollbacks over the sources, the new revision included.
assert log.contains('Every rollback restores the catalog (changelog sources in ')
assert log =~ /\): 20250520_initial, \d{8}_index_avatars_by_name/

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.assertApplyGivesDevelopersCatalog(fresh, adminUrl, basedir)
DiffRoundTrip.assertDowngradeGivesHead(fresh, adminUrl, basedir)
return true
