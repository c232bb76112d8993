import dev.avatarbot.schema.plugin.it.ItDatabase
def log = new File(basedir, 'build.log').text
def upgradeSql = new File(basedir, 'target/schema-sql/base__20250520_initial.sql')
def downgradeSql = new File(basedir, 'target/schema-sql/20250520_initial__base.sql')
assert log.contains('Database: none (offline), starting from base')
assert log.contains("Upgrade SQL base -> 20250520_initial (nothing was run): ${upgradeSql.path}")
assert downgradeSql.text.contains('DROP TABLE users')

// A DBA runs the offline file with psql: the same schema as schema:upgrade, and the revision recorded.
// (selector.groovy skips this case where psql does not work.)
def byPsql = ItDatabase.urlOf(adminUrl, 'it_sql_by_psql')
def psql = new ProcessBuilder('psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', upgradeSql.path,
        byPsql.replaceFirst('^jdbc:', '')).redirectErrorStream(true).start()
def output = psql.inputStream.text
assert psql.waitFor() == 0 : output
def byUpgrade = ItDatabase.urlOf(adminUrl, 'it_sql_offline_applied_with_psql')
assert ItDatabase.catalog(byPsql) == ItDatabase.catalog(byUpgrade)
assert !ItDatabase.catalog(byPsql).isEmpty()
assert ItDatabase.query(byPsql, "SELECT tag FROM databasechangelog WHERE tag IS NOT NULL") == '20250520_initial'
// Writing the downgrade SQL changed nothing.
assert ItDatabase.query(byUpgrade, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'users'") == '1'
return true
