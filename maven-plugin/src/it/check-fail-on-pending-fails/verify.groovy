def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('''1 revision(s) pending (20250520_initial): run schema:upgrade''')
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'

return true
