import dev.avatarbot.schema.plugin.it.ItDatabase

// One part of build.log per build: each goal is checked against what it printed itself.
def builds = ItDatabase.buildLogs(basedir)
assert builds.size() == 2 : "two builds in build.log, not ${builds.size()}"
def (guarded, unguarded) = builds.collect { it.readLines() }
def findings = { List<String> lines -> lines.findAll { it.startsWith('[ERROR] ERROR ') } }

// Each finding names the rule, the revision/changeset and the table, then the lock and the safe recipe.
def expected = [
    'constraint-not-valid 20261125_each_rule/check on avatars',
    'constraint-not-valid 20261125_each_rule/foreign-key on avatar_photos',
    'set-not-null 20261125_each_rule/not-null on users',
    'volatile-default 20261125_each_rule/volatile on avatars',
    'unique-not-using-index 20261125_each_rule/unique on users',
    'unbatched-dml 20261125_each_rule/backfill on users',
    'unbatched-dml 20261125_each_rule/autocommit-backfill on avatars',
    'non-transactional-multi-statement 20261125_each_rule/two-indexes',
]
def where = { String line -> line.replaceFirst(/^\[ERROR\] ERROR (\S+ \S+(?: on \S+)?):.*$/, '$1') }
assert findings(guarded).collect(where) == expected
assert findings(guarded).every { it.contains(' Lock: ') && it.contains(' Safe recipe: ') } : findings(guarded)
assert guarded.contains('[INFO] Lint: 2 revisions, 19 changesets: 8 errors, 0 warnings, 0 allowed.')
assert guarded.any { it.contains('schema:lint failed (schema.lint.failOn=error)') }

// Unguarded (-Dschema.lint.guarded=false): the same findings, and each changeset that takes a lock
// with no lock_timeout of its own, the concurrent builds aside (they queue no one).
def noTimeout = ['check on avatars', 'foreign-key on avatar_photos', 'not-null on users', 'volatile on avatars', 'unique on users']
        .collect { "no-lock-timeout 20261125_each_rule/${it}".toString() }
assert findings(unguarded).collect(where).sort() == (expected + noTimeout).sort()
assert findings(unguarded).collect(where).findAll { it.startsWith('no-lock-timeout') } == noTimeout
assert findings(unguarded).every { it.contains(' Lock: ') && it.contains(' Safe recipe: ') } : findings(unguarded)
assert unguarded.contains('[INFO] Lint: 2 revisions, 19 changesets: 13 errors, 0 warnings, 0 allowed.')
assert unguarded.any { it.contains('schema:lint failed (schema.lint.failOn=error)') }
return true
