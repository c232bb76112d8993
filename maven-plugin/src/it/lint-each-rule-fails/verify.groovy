def log = new File(basedir, 'build.log').text
// Each finding names the rule, the revision/changeset and the table, then the lock and the safe recipe.
def expected = [
    'constraint-not-valid'  : 'check on avatars',
    'constraint-not-valid ' : 'foreign-key on avatar_photos',
    'set-not-null'          : 'not-null on users',
    'volatile-default'      : 'volatile on avatars',
    'unique-not-using-index': 'unique on users',
    'unbatched-dml'         : 'backfill on users',
]
expected.each { rule, where ->
    def line = log.readLines().find { it.startsWith("[ERROR] ERROR ${rule.trim()} 20261125_each_rule/${where}:") }
    assert line : "no finding of ${rule.trim()} for ${where}"
    assert line.contains(' Lock: ') && line.contains(' Safe recipe: ') : line
}
assert log =~ /Lint: 2 revisions, \d+ changesets: 6 errors, 0 warnings, 0 allowed\./
// Only unguarded: the same revision's locking changesets also lack a lock_timeout of their own.
def unguarded = log.readLines().findAll { it.startsWith('[ERROR] ERROR no-lock-timeout 20261125_each_rule/') }
assert unguarded.size() >= 1 : 'schema.lint.guarded=false reports no-lock-timeout'
assert unguarded.every { it.contains(' Lock: ') && it.contains(' Safe recipe: ') } : unguarded
assert log.readLines().count { it.contains('no-lock-timeout') && it.startsWith('[ERROR] ERROR') } == unguarded.size()
assert log =~ /Lint: 2 revisions, \d+ changesets: \d+ errors, 0 warnings, 0 allowed\./
assert log =~ /schema:lint failed \(schema.lint.failOn=error\)/
return true
