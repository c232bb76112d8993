import dev.avatarbot.schema.plugin.it.ItDatabase

def upgrade = { int n -> ItDatabase.startMaven(basedir, itRepository, outerRepository, "upgrade-${n}.log", 'schema:upgrade') }
def runs = [upgrade(1), upgrade(2)]   // started together, before either can finish
def codes = runs.collect { it.waitFor() }
def logs = (1..2).collect { new File(basedir, "upgrade-${it}.log").text }

assert codes == [0, 0] : "both upgrades succeed:\n${logs.join('\n----\n')}"
assert logs.count { it.contains('Upgraded base -> 20250520_initial, applied 20250520_initial') } == 1
assert logs.count { it.contains('Already at 20250520_initial: nothing to apply.') } == 1
def url = ItDatabase.urlOf(adminUrl, 'it_concurrent_upgrades')
assert ItDatabase.query(url, "SELECT count(*) FROM databasechangelog WHERE tag = '20250520_initial'") == '1'
assert ItDatabase.query(url, "SELECT count(*) - count(DISTINCT id) FROM databasechangelog") == '0'
return true
