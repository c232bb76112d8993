import dev.avatarbot.schema.plugin.it.ItDatabase
ItDatabase.create(adminUrl, basedir)
// Same server and login as the ITs' admin URL, but a database that does not exist.
def url = ItDatabase.urlOf(adminUrl, 'it_from_dotenv')
def user = (url =~ /user=([^&]+)/)[0][1]
def password = (url =~ /password=([^&]+)/) ? (url =~ /password=([^&]+)/)[0][1] : ''
def host = (url =~ /\/\/([^:\/]+)/)[0][1]
def port = (url =~ /\/\/[^:\/]+:(\d+)/) ? (url =~ /\/\/[^:\/]+:(\d+)/)[0][1] : '5432'
ItDatabase.writeFile(basedir, '.env', "DB_HOST=${host}\nDB_PORT=${port}\nDB_NAME=it_from_dotenv\nDB_USER=${user}\nDB_PASSWORD=${password}\n")
return true
