import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def revision = DiffRoundTrip.checkedRevision(basedir)
assert new File(basedir, 'build.log').text.contains('[WARNING] Review: CONFIRM THIS RENAME: users.username disappeared')
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
ItDatabase.execute(fresh, "INSERT INTO users (telegram_id, first_name, username, language_code) VALUES (7, 'Ann', 'ann', 'en')")
assert revision.contains('ALTER TABLE users RENAME COLUMN username TO nickname')
assert revision.contains('ALTER TABLE users RENAME COLUMN nickname TO username')
assert revision.contains('CONFIRM THIS RENAME')
assert !revision.contains('DROP COLUMN username') && !revision.contains('ADD COLUMN nickname')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.assertApplyGivesDevelopersCatalog(fresh, adminUrl, basedir)
assert ItDatabase.query(fresh, 'SELECT nickname FROM users WHERE telegram_id = 7') == 'ann'
DiffRoundTrip.assertDowngradeGivesHead(fresh, adminUrl, basedir)
assert ItDatabase.query(fresh, 'SELECT username FROM users WHERE telegram_id = 7') == 'ann'
return true
