def log = new File(basedir, 'build.log').text

assert log.contains('[ERROR] ERROR index-not-concurrent 20261125_unsafe_changes/index on users: "CREATE INDEX ix_users_username' +
        ' ON users (username)" builds an index without CONCURRENTLY. Lock: SHARE (blocks writes while the index builds).' +
        ' Safe recipe: CREATE INDEX CONCURRENTLY in a changeset of its own with runInTransaction="false".')
assert log =~ /\[ERROR\] ERROR mapper-uses-dropped 20261125_unsafe_changes\/drop-username on users: .* drops column users.username, which UserMapper\.\w+.* still use\./
assert log.contains('[INFO] ALLOWED set-not-null 20261125_unsafe_changes/allowed on users:')
assert log.contains('Allowed: every row has a language, checked by the service')
assert log.contains('[ERROR] ERROR invalid-allow 20261125_unsafe_changes/allow-without-reason: lint:allow column-type-rewrite gives no reason.' +
        ' Write it as -- lint:allow <rule-id> <why it is safe here>; rule ids: index-not-concurrent, ')
assert log.contains('[ERROR] ERROR column-type-rewrite 20261125_unsafe_changes/allow-without-reason on avatars:')
assert log.contains('Lint: 2 revisions, 15 changesets: 4 errors, 0 warnings, 1 allowed.')
assert log =~ /schema:lint failed \(schema.lint.failOn=error\): 2 revisions, 15 changesets: 4 errors/
// The second run, failOn=none, reports the same and passes.
assert log.count('Lint: 2 revisions, 15 changesets: 4 errors, 0 warnings, 1 allowed.') == 2
assert !log.contains('20250520_initial/') : 'the initial revision lints clean'
return true
