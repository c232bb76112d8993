import dev.avatarbot.schema.plugin.it.ItDatabase

ItDatabase.ensureLoginRoles(adminUrl)
def url = ItDatabase.urlOf(adminUrl, 'postgres').replaceAll(/\?.*/, '')
// .ci/run's server and the ITs' embedded one check avatardb_it_pw's password (scram-sha-256 first in pg_hba.conf). A server
// that trusts every local login cannot refuse a wrong password; there the server refuses the login
// of a NOLOGIN role instead, which takes the same path through the plugin.
def checksPasswords = !ItDatabase.canLogIn(url, 'avatardb_it_pw', 'wrong-secret-xyz')
def user = checksPasswords ? 'avatardb_it_pw' : 'avatardb_it_nologin'
ItDatabase.writeFile(basedir, 'variant.txt', checksPasswords ? 'password' : 'nologin')
ItDatabase.writeFile(basedir, '.env', "DB_URL=${url}\nDB_USER=${user}\nDB_PASSWORD=wrong-secret-xyz\n")
return true
