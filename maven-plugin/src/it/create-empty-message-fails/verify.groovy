def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('''The revision needs a message''')
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'

return true
