import dev.avatarbot.schema.plugin.it.ItDatabase
def target = ItDatabase.create(adminUrl, basedir)
// The ITs' server and login for the old database, but no name: that comes from <configuration> or -D.
def server = (target =~ /\/\/([^:\/]+)(?::(\d+))?\//)[0]
def user = (target =~ /user=([^&]+)/)[0][1]
def password = (target =~ /password=([^&]+)/) ? (target =~ /password=([^&]+)/)[0][1] : ''
ItDatabase.writeFile(basedir, '.env', "DB_URL=${target}\nOLD_DB_HOST=${server[1]}\nOLD_DB_PORT=${server[2] ?: 5432}\n"
        + "OLD_DB_USER=${user}\nOLD_DB_PASSWORD=${password}\n")
return true
