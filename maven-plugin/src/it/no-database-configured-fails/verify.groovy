def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('''No database configured: set DB_URL''')
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'

return true
