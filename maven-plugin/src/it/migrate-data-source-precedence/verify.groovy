def log = new File(basedir, 'build.log').text
assert log.count('database "it_source_configured" does not exist') == 1 : '<sourceName> is the source, unless -D says otherwise'
assert log.contains('database "it_source_from_command_line" does not exist') : '-Dschema.source.name beats <configuration>'
assert log.count('create it (createdb) or fix OLD_DB_NAME / OLD_DB_URL') == 2 : 'the fix names the source settings'
assert !log.contains('fix DB_NAME') : 'not the target settings'
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'
return true
