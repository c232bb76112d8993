import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def log = new File(basedir, 'build.log').text
def revision = DiffRoundTrip.writtenRevision(basedir)
assert log =~ /Created revision \d{8}_[a-z_]+ from \d+ difference\(s\) with the newest revision: /
assert revision =~ /(?s)<tagDatabase tag="[^"]+"\/>\s*<\/changeSet>\s*<\/databaseChangeLog>\s*$/ : 'the tag is last'
assert (revision =~ /<changeSet /).count - 1 == (revision =~ /<rollback>|<rollback\/>/).count : 'a rollback for every changeset but the tag'
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
def type = revision.indexOf("CREATE TYPE avatar_style AS ENUM ('photo', 'cartoon')")
def column = revision.indexOf('ALTER TABLE avatars ADD COLUMN style avatar_style')
assert type > 0 && column > type
assert revision.contains('DROP TYPE avatar_style')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.apply(fresh, basedir)
assert ItDatabase.catalog(fresh) == ItDatabase.catalog(ItDatabase.urlOf(adminUrl, 'it_create_diff_enum_column'))
assert ItDatabase.query(fresh, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum") == 'photo,cartoon'
DiffRoundTrip.downgradeToHead(fresh, basedir)
assert ItDatabase.catalog(fresh) == DiffRoundTrip.headCatalog(adminUrl, basedir)
assert ItDatabase.query(fresh, "SELECT count(*) FROM pg_type WHERE typname = 'avatar_style'") == '0'
return true
