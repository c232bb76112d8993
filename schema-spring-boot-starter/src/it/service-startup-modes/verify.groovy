// build.log holds the three starts in order, each after its execution's header: "--- exec:3.5.1:exec
// (refused) @ ..." (Maven 3.9), "--- exec-maven-plugin:3.5.1:exec (refused) @ ..." (Maven 3.8).
def starts = new File(basedir, 'build.log').text.split(/(?m)^.*--- \S+ \((?:refused|upgraded|current)\) @ .*$/).drop(1)
assert starts.size() == 3
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')

def refused = starts[0]
assert refused.contains('APPLICATION FAILED TO START')
def report = refused =~ /The database is at base \(no revision applied\); the newest revision of this service's schema-lib is (\S+)\. (\d+) revision\(s\) pending: /
assert report.find()
def newest = report.group(1)
assert refused.contains('Run mvn schema:upgrade against this database, or set avatardb.schema.mode=upgrade')
assert !refused.contains('\tat ') && !refused.contains('Caused by')
assert !refused.contains('Service started')

def upgraded = starts[1]
assert upgraded.contains('Before the start: 0 tables') // the refused start left the database as it was
assert upgraded.contains('Service started: user 424242 stored and read back through UserMapper')
assert upgraded.contains("Health of schema: UP, current ${newest}")

def current = starts[2]
assert !current.contains('Before the start: 0 tables')
assert current.contains('Service started: user 424242 stored and read back through UserMapper')
assert current.contains("Health of schema: UP, current ${newest}")
return true
