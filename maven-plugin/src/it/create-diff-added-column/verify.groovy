import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def log = new File(basedir, 'build.log').text
def revision = DiffRoundTrip.writtenRevision(basedir)
assert log =~ /Created revision \d{8}_[a-z_]+ from \d+ difference\(s\) with the newest revision: /
assert revision =~ /(?s)<tagDatabase tag="[^"]+"\/>\s*<\/changeSet>\s*<\/databaseChangeLog>\s*$/ : 'the tag is last'
assert (revision =~ /<changeSet /).count - 1 == (revision =~ /<rollback>|<rollback\/>/).count : 'a rollback for every changeset but the tag'
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
assert revision.contains('ALTER TABLE users ADD COLUMN bio text')
assert revision.contains("SET LOCAL lock_timeout = '5s'")
assert revision.contains('ALTER TABLE users DROP COLUMN bio')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.apply(fresh, basedir)
assert ItDatabase.catalog(fresh) == ItDatabase.catalog(ItDatabase.urlOf(adminUrl, 'it_create_diff_added_column'))
DiffRoundTrip.downgradeToHead(fresh, basedir)
assert ItDatabase.catalog(fresh) == DiffRoundTrip.headCatalog(adminUrl, basedir)
return true
