import dev.avatarbot.schema.plugin.it.ItDatabase
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
return true
