import dev.avatarbot.schema.plugin.it.ItDatabase

// Under the advisory lock the first upgrade builds the index concurrently while the second waits for
// the lock: neither holds a snapshot the other waits for, so both finish and one applies.
def upgrade = { int n -> ItDatabase.startMaven(basedir, itRepository, outerRepository, "upgrade-${n}.log", 'schema:upgrade') }
def runs = [upgrade(1), upgrade(2)]
def codes = runs.collect { it.waitFor() }
def logs = (1..2).collect { new File(basedir, "upgrade-${it}.log").text }

assert codes == [0, 0] : "both upgrades succeed:\n${logs.join('\n----\n')}"
assert logs.count { it.contains('Upgraded base -> 20261125_index_usernames, applied 20250520_initial, 20261125_index_usernames') } == 1
assert logs.count { it.contains('Already at 20261125_index_usernames: nothing to apply.') } == 1
def url = ItDatabase.urlOf(adminUrl, 'it_concurrent_index_upgrades')
assert ItDatabase.query(url, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_users_username'::regclass") == 'true'
assert ItDatabase.query(url, "SELECT count(*) - count(DISTINCT id) FROM databasechangelog") == '0'
return true
