import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def log = new File(basedir, 'build.log').text
def revision = DiffRoundTrip.writtenRevision(basedir)
assert log =~ /Created revision \d{8}_[a-z_]+ from \d+ difference\(s\) with the newest revision: /
assert revision =~ /(?s)<tagDatabase tag="[^"]+"\/>\s*<\/changeSet>\s*<\/databaseChangeLog>\s*$/ : 'the tag is last'
assert (revision =~ /<changeSet /).count - 1 == (revision =~ /<rollback>|<rollback\/>/).count : 'a rollback for every changeset but the tag'
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
DiffRoundTrip.apply(fresh, basedir)
assert ItDatabase.catalog(fresh) == ItDatabase.catalog(ItDatabase.urlOf(adminUrl, 'it_create_diff_added_index'))
DiffRoundTrip.downgradeToHead(fresh, basedir)
assert ItDatabase.catalog(fresh) == DiffRoundTrip.headCatalog(adminUrl, basedir)
return true
