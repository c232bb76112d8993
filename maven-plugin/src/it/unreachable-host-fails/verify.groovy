def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('''Cannot reach the database server''')
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'
assert !log.contains('unreachable-secret') : 'the password must not appear in the log'
return true
