import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def log = new File(basedir, 'build.log').text
def revision = DiffRoundTrip.writtenRevision(basedir)
assert log =~ /Created revision \d{8}_[a-z_]+ from \d+ difference\(s\) with the newest revision: /
assert revision =~ /(?s)<tagDatabase tag="[^"]+"\/>\s*<\/changeSet>\s*<\/databaseChangeLog>\s*$/ : 'the tag is last'
assert (revision =~ /<changeSet /).count - 1 == (revision =~ /<rollback>|<rollback\/>/).count : 'a rollback for every changeset but the tag'
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
// NOT VALID in one changeset, VALIDATE in the next: existing rows are checked without blocking writes.
def changeSets = (revision =~ /(?s)<changeSet .*?<\/changeSet>/).collect { it }
def add = changeSets.findIndexOf { it.contains('ADD CONSTRAINT fk_avatar_photos_owner_id FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE SET NULL NOT VALID') }
def validate = changeSets.findIndexOf { it.contains('ALTER TABLE avatar_photos VALIDATE CONSTRAINT fk_avatar_photos_owner_id') }
assert add >= 0 && validate == add + 1 : changeSets
assert !changeSets[validate].contains('ADD CONSTRAINT fk_avatar_photos_owner_id FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE SET NULL;')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.apply(fresh, basedir)
assert ItDatabase.catalog(fresh) == ItDatabase.catalog(ItDatabase.urlOf(adminUrl, 'it_create_diff_added_foreign_key'))
DiffRoundTrip.downgradeToHead(fresh, basedir)
assert ItDatabase.catalog(fresh) == DiffRoundTrip.headCatalog(adminUrl, basedir)
return true
