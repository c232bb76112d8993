import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def revision = DiffRoundTrip.checkedRevision(basedir)
assert new File(basedir, 'build.log').text.contains('[WARNING] Review: DATA LOSS: dropping column users.last_name deletes its values.')
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
assert revision.contains('<!-- DATA LOSS: dropping column users.last_name deletes its values.')
assert revision.contains('ALTER TABLE users DROP COLUMN last_name')
assert revision.contains('ALTER TABLE users ADD COLUMN last_name text')
assert revision.contains('do not come back')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.assertApplyGivesDevelopersCatalog(fresh, adminUrl, basedir)
DiffRoundTrip.assertDowngradeGivesHead(fresh, adminUrl, basedir)
return true
