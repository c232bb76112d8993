import dev.avatarbot.schema.plugin.it.DiffRoundTrip
// The developer's change, by hand:
DiffRoundTrip.developerDatabase(adminUrl, repositoryRoot, basedir, '''ALTER TABLE users ADD COLUMN bio text''')
return true
