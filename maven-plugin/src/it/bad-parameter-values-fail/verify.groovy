// Ten runs, each refused by one line naming the value and what it should be; nothing reached the database.
def log = new File(basedir, 'build.log').text
def expected = [
    'schema.batchSize must be at least 1, not 0.',
    'schema.jobs must be at least 1, not 0.',
    "The lock timeout '99999999999999999999s' is too long: PostgreSQL takes at most 2147483647ms (about 24 days).",
    "The lock timeout '30d' is too long: PostgreSQL takes at most 2147483647ms (about 24 days).",
    "The statement timeout '2weeks' is not a duration: write it like PostgreSQL does, e.g. 500ms, 5s or 2min (units ms, s, min, h, d).",
    "schema.scratch must be embedded or configured, not 'docker'.",
    "schema.direction must be upgrade or downgrade, not 'sideways'.",
    'Cannot read the selects file ',
    'Cannot read the stats file ',
    "The schema.fleet.maxReplicaLag 'soon' is not a duration: write it like PostgreSQL does, e.g. 500ms, 5s or 2min (units ms, s, min, h, d).",
]
expected.each { assert log.contains(it) : "missing: ${it}" }
assert log.count('BUILD FAILURE') == expected.size()
assert log.count('[Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException') == expected.size() :
        'each is a user mistake (MojoFailureException), not an execution error'
assert !log.contains('Exception:') : 'no stack trace'
assert !log.contains('\tat ') : 'no stack trace'
assert !log.contains('Upgraded') && !log.contains('rows read') : 'nothing ran'
return true
