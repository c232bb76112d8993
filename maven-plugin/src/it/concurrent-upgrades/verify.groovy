import dev.avatarbot.schema.plugin.it.ItDatabase

def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
// The same resolution as the invoker's own runs: the ITs' repository, backed by the build's.
def settings = new File(basedir, 'concurrent-settings.xml')
def outer = new File(outerRepository).toURI()
settings.text = """<settings><profiles><profile><id>it</id>
  <activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>local.central</id><url>${outer}</url></repository></repositories>
  <pluginRepositories><pluginRepository><id>local.central</id><url>${outer}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def upgrade = { int n ->
    new ProcessBuilder(mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${itRepository}", 'schema:upgrade')
            .directory(basedir).redirectErrorStream(true)
            .redirectOutput(new File(basedir, "upgrade-${n}.log")).start()
}
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
