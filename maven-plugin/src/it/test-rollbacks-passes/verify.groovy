import dev.avatarbot.schema.plugin.it.ItDatabase
def log = new File(basedir, 'build.log').text
assert log.contains('Every rollback restores the catalog (schema-lib jar')
assert log.contains('): 20250520_initial')
// The rehearsal ran in a scratch database, not in the configured one.
assert ItDatabase.query(ItDatabase.urlOf(adminUrl, 'it_test_rollbacks_passes'),
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") == '0'
assert ItDatabase.query(ItDatabase.adminUrl(adminUrl),
        "SELECT count(*) FROM pg_database WHERE datname LIKE 'avatar_db_scratch_%'") == '0'
return true
