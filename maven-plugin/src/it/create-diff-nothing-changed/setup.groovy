import dev.avatarbot.schema.plugin.it.DiffRoundTrip
// Nothing changed by hand.
DiffRoundTrip.developerDatabase(adminUrl, repositoryRoot, basedir, null)
return true
