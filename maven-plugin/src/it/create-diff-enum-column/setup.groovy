import dev.avatarbot.schema.plugin.it.DiffRoundTrip
// The developer's change, by hand:
DiffRoundTrip.developerDatabase(adminUrl, repositoryRoot, basedir, '''CREATE TYPE avatar_style AS ENUM ('photo', 'cartoon');
ALTER TABLE avatars ADD COLUMN style avatar_style''')
return true
