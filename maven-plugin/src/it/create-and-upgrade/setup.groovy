import dev.avatarbot.schema.plugin.it.ItDatabase
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
