import dev.avatarbot.schema.plugin.it.DiffRoundTrip
import dev.avatarbot.schema.plugin.it.ItDatabase

def log = new File(basedir, 'build.log').text
def revision = DiffRoundTrip.checkedRevision(basedir)
// schema:lint finds nothing in it, not even a warning.
assert log =~ /Lint: 2 revisions, \d+ changesets: 0 errors, 0 warnings, 0 allowed\./
def fresh = DiffRoundTrip.freshAtHead(adminUrl, basedir)
// NOT VALID in one changeset, VALIDATE in the next: existing rows are checked without blocking writes.
def changeSets = (revision =~ /(?s)<changeSet .*?<\/changeSet>/).collect { it }
def add = changeSets.findIndexOf { it.contains('ADD CONSTRAINT fk_avatar_photos_owner_id FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE SET NULL NOT VALID') }
def validate = changeSets.findIndexOf { it.contains('ALTER TABLE avatar_photos VALIDATE CONSTRAINT fk_avatar_photos_owner_id') }
assert add >= 0 && validate == add + 1 : changeSets
assert !changeSets[validate].contains('ADD CONSTRAINT fk_avatar_photos_owner_id FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE SET NULL;')

// On a fresh database at head the revision gives the developer's catalog; downgrading gives head's.
DiffRoundTrip.assertApplyGivesDevelopersCatalog(fresh, adminUrl, basedir)
DiffRoundTrip.assertDowngradeGivesHead(fresh, adminUrl, basedir)
return true
