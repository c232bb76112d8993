import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def revision = DiffRoundTrip.checkedRevision(basedir)
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
def type = revision.indexOf("CREATE TYPE avatar_style AS ENUM ('photo', 'cartoon')")
def column = revision.indexOf('ALTER TABLE avatars ADD COLUMN style avatar_style')
assert type > 0 && column > type
assert revision.contains('DROP TYPE avatar_style')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.assertApplyGivesDevelopersCatalog(fresh, adminUrl, basedir)
assert ItDatabase.query(fresh, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum") == 'photo,cartoon'
DiffRoundTrip.assertDowngradeGivesHead(fresh, adminUrl, basedir)
assert ItDatabase.query(fresh, "SELECT count(*) FROM pg_type WHERE typname = 'avatar_style'") == '0'
return true
