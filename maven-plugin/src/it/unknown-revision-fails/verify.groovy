def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('''Unknown revision '20990101_nope'. Known revisions: 20250520_initial''')
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'

return true
