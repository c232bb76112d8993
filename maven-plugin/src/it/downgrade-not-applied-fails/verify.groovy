def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('''Revision '20250520_initial' is not applied''')
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'

return true
