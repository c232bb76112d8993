def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('''line 3 cannot be parsed: 'DB_PASSWORD ****'''')
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'
assert !log.contains('hunter2-secret') : 'the password must not appear in the log'
return true
