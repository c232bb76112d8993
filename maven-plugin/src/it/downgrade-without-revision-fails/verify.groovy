def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('''schema:downgrade needs a target: -Dschema.revision=''')
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'

return true
