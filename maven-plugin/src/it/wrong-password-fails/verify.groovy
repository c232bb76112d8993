def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('''The database refused the login''')
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'
assert !log.contains('wrong-secret-xyz') : 'the password must not appear in the log'
return true
