import dev.avatarbot.schema.plugin.it.ItDatabase
import groovy.json.JsonSlurper

def (upgrade, check, upgradeWithGone) = ItDatabase.buildLogs(basedir)
def fullLog = new File(basedir, 'build.log').text
assert !fullLog.contains('fleet-secret') : 'a password in a fleet URL never reaches the log'

assert upgrade.contains('BUILD SUCCESS')
assert upgrade =~ /Fleet:    2 targets from \S*fleet.txt/
assert upgrade =~ /Wave 1: eu-a\s/
assert upgrade.contains('Wave 2: eu-b')
assert upgrade =~ /eu-a\s+base\s+20250520_initial\s+upgraded\s+\d+\.\d\d/
assert upgrade =~ /eu-b\s+base\s+20250520_initial\s+upgraded\s+\d+\.\d\d/
['a', 'b'].each {
    assert ItDatabase.query(ItDatabase.urlOf(adminUrl, "it_fleet_${it}"),
            "SELECT count(*) FROM databasechangelog WHERE tag = '20250520_initial'") == '1'
}

assert check.contains('BUILD FAILURE')
assert check =~ /eu-a\s+20250520_initial\s+0 pending/
assert check =~ /eu-b\s+20250520_initial\s+0 pending/
assert check =~ /gone\s+unreachable\s+Cannot reach the database server/
assert check.contains('1 of 3 targets unreachable: gone (Cannot reach the database server')
assert check.contains('check its URL in the fleet file (DB_HOST and DB_PORT do not apply to fleet targets)')
assert !check.contains('Exception:') : 'an unreachable target shows no stack trace'

assert upgradeWithGone.contains('BUILD FAILURE')
assert upgradeWithGone =~ /eu-a\s+20250520_initial\s+20250520_initial\s+current/
assert upgradeWithGone =~ /gone\s+-\s+-\s+failed\s+\d+\.\d\d\s+Cannot reach/
assert upgradeWithGone.contains('1 of 3 targets failed: gone (Cannot reach the database server')

def reports = new File(basedir, 'target/schema-fleet')
def upgraded = new JsonSlurper().parse(new File(reports, 'upgrade-report.json'))
assert upgraded*.name == ['eu-a', 'eu-b', 'gone']
assert upgraded*.status == ['current', 'current', 'failed']
assert upgraded[0].keySet() as List == ['name', 'from', 'to', 'status', 'seconds', 'error']
assert upgraded[2].error.startsWith('Cannot reach the database server')
def checked = new JsonSlurper().parse(new File(reports, 'check-report.json'))
assert checked*.status == ['current', 'current', 'unreachable']
assert checked*.pending == [0, 0, null]
def junit = new File(reports, 'upgrade-report.xml').text
assert junit.contains('tests="3" failures="1"') && junit.contains('<testcase classname="schema-fleet.upgrade" name="gone"')
return true
