// An empty database (at base) on the test server (AVATARDB_TEST_URL) or an embedded one, made by the
// test kit and dropped when this Maven exits; the service reads it from its application.properties.
import dev.avatarbot.schema.test.SchemaDatabase
def db = SchemaDatabase.atRevision('base')
def properties = "spring.datasource.url=${db.jdbcUrl()}\n"
if (db.user() != null) properties += "spring.datasource.username=${db.user()}\n"
if (db.password() != null) properties += "spring.datasource.password=${db.password()}\n"
def resources = new File(basedir, 'src/main/resources')
resources.mkdirs()
new File(resources, 'application.properties').text = properties
return true
