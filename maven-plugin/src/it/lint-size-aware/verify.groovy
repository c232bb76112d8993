def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] WARNING index-not-concurrent 20261125_index_usernames/20261125_index_usernames-01 on users (~50 rows):')
assert log.contains('Lint: 2 revisions, 12 changesets: 0 errors, 1 warning, 0 allowed.')
def exported = new File(basedir, 'target/stats.properties')
assert exported.isFile() && exported.text.contains('users.rows=50')
assert log.contains('Table sizes: 1 tables from ')
assert log.contains('[ERROR] ERROR index-not-concurrent 20261125_index_usernames/20261125_index_usernames-01 on users (~5000000 rows):')
assert log.contains('schema:lint failed (schema.lint.failOn=error): 2 revisions, 12 changesets: 1 error, 0 warnings')
assert log.contains('schema:lint failed (schema.lint.failOn=warning): 2 revisions, 12 changesets: 0 errors, 1 warning')
return true
