import dev.avatarbot.schema.plugin.it.ItDatabase
import groovy.json.JsonSlurper

def (upgrade, verify) = ItDatabase.buildLogs(basedir)
assert upgrade.contains('BUILD SUCCESS')

assert verify.contains('BUILD FAILURE')
assert verify =~ /Fleet:    2 targets from \S*fleet.txt/
assert verify =~ /eu-a\s+20250520_initial\s+20250520_initial\s+verified\s+\d+\.\d\d/
assert verify =~ /eu-b\s+base\s+base\s+drifted\s+\d+\.\d\d\s+3 difference\(s\): revision 20250520_initial is pending; /
assert verify.contains('revision 20250520_initial is pending')
assert verify.contains('table stray is not in the revisions (added by hand?)')
assert verify.contains('1 of 2 targets drifted or unreachable: eu-b (3 difference(s): ')
assert !verify.contains('Exception:') : 'drift is a finding, not a stack trace'

def report = new JsonSlurper().parse(new File(basedir, 'target/schema-fleet/verify-report.json'))
assert report*.name == ['eu-a', 'eu-b']
assert report*.status == ['verified', 'drifted']
assert report[1].error.contains('stray')
return true
