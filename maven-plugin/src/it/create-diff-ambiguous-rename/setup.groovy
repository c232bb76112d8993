import dev.avatarbot.schema.plugin.it.DiffRoundTrip
// The developer's change, by hand: in users, which of two new text columns (if either) is last_name renamed
// cannot be told; in avatars one text column went and one came, a clear rename.
DiffRoundTrip.developerDatabase(adminUrl, repositoryRoot, basedir, '''ALTER TABLE users DROP COLUMN last_name;
ALTER TABLE users ADD COLUMN bio text;
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE avatars RENAME COLUMN gender TO sex''')
return true
