import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def revision = DiffRoundTrip.checkedRevision(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] Review: AMBIGUOUS RENAME: users.last_name (text) was dropped while bio, nickname of that'
        + ' type were added, so no rename is written.')
assert log.contains('[WARNING] Review: CONFIRM THIS RENAME: avatars.gender disappeared')
assert revision.contains('ALTER TABLE users DROP COLUMN last_name')
assert revision.contains('ALTER TABLE users ADD COLUMN bio text')
assert revision.contains('ALTER TABLE users ADD COLUMN nickname text')
assert !revision.contains('RENAME COLUMN last_name TO bio') && !revision.contains('RENAME COLUMN last_name TO nickname')
assert revision.contains('ALTER TABLE avatars RENAME COLUMN gender TO sex')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
DiffRoundTrip.assertApplyGivesDevelopersCatalog(fresh, adminUrl, basedir)
DiffRoundTrip.assertDowngradeGivesHead(fresh, adminUrl, basedir)
return true
