import dev.avatarbot.schema.plugin.it.DiffRoundTrip
// The developer's change, by hand:
DiffRoundTrip.developerDatabase(adminUrl, repositoryRoot, basedir, '''ALTER TABLE users DROP COLUMN last_name''')
return true
