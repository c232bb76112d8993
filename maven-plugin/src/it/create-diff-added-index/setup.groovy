import dev.avatarbot.schema.plugin.it.DiffRoundTrip
// The developer's change, by hand:
DiffRoundTrip.developerDatabase(adminUrl, repositoryRoot, basedir, '''CREATE INDEX ix_avatars_name ON avatars (name)''')
return true
