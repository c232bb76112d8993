import dev.avatarbot.schema.plugin.it.ItDatabase
def log = new File(basedir, 'build.log').text
def url = ItDatabase.urlOf(adminUrl, 'it_lifecycle')

assert log.contains('Current:  base (no revision applied)')
assert log.contains('Pending:  20250520_initial')
assert log.contains('Upgraded base -> 20250520_initial, applied 20250520_initial')
assert log =~ /->\s+20250520_initial\s+applied\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d .*Initial schema/
assert log.contains('Downgraded 20250520_initial -> base, rolled back 20250520_initial.')
assert log =~ /\n\[INFO\]\s+20250520_initial\s+pending\s+Initial schema/
assert log.contains('Revisions from schema-lib jar')
// Liquibase's own narration goes to Maven's debug log, not into the build's output.
assert !log.contains('UPDATE SUMMARY')
assert !log.contains('ran successfully')
assert !log.toLowerCase().contains('liquibase')

// The third build applied it again: the schema is there, tagged.
assert ItDatabase.query(url, "SELECT tag FROM databasechangelog WHERE tag IS NOT NULL") == '20250520_initial'
assert ItDatabase.query(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('users','user_balances','user_states','avatars','avatar_photos')") == '5'
return true
