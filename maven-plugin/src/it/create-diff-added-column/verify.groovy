import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def revision = DiffRoundTrip.checkedRevision(basedir)
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
assert revision.contains('ALTER TABLE users ADD COLUMN bio text')
assert revision.contains("SET LOCAL lock_timeout = '5s'")
assert revision.contains('ALTER TABLE users DROP COLUMN bio')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.assertApplyGivesDevelopersCatalog(fresh, adminUrl, basedir)
DiffRoundTrip.assertDowngradeGivesHead(fresh, adminUrl, basedir)
return true
