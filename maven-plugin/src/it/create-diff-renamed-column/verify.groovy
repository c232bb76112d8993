import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def log = new File(basedir, 'build.log').text
def revision = DiffRoundTrip.writtenRevision(basedir)
assert log =~ /Created revision \d{8}_[a-z_]+ from \d+ difference\(s\) with the newest revision: /
assert revision =~ /(?s)<tagDatabase tag="[^"]+"\/>\s*<\/changeSet>\s*<\/databaseChangeLog>\s*$/ : 'the tag is last'
assert (revision =~ /<changeSet /).count - 1 == (revision =~ /<rollback>|<rollback\/>/).count : 'a rollback for every changeset but the tag'
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
ItDatabase.execute(fresh, "INSERT INTO users (telegram_id, first_name, username, language_code) VALUES (7, 'Ann', 'ann', 'en')")
assert revision.contains('ALTER TABLE users RENAME COLUMN username TO nickname')
assert revision.contains('ALTER TABLE users RENAME COLUMN nickname TO username')
assert revision.contains('CONFIRM THIS RENAME')
assert !revision.contains('DROP COLUMN username') && !revision.contains('ADD COLUMN nickname')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.apply(fresh, basedir)
assert ItDatabase.catalog(fresh) == ItDatabase.catalog(ItDatabase.urlOf(adminUrl, 'it_create_diff_renamed_column'))
assert ItDatabase.query(fresh, 'SELECT nickname FROM users WHERE telegram_id = 7') == 'ann'
DiffRoundTrip.downgradeToHead(fresh, basedir)
assert ItDatabase.catalog(fresh) == DiffRoundTrip.headCatalog(adminUrl, basedir)
assert ItDatabase.query(fresh, 'SELECT username FROM users WHERE telegram_id = 7') == 'ann'
return true
