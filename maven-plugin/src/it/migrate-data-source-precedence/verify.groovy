def log = new File(basedir, 'build.log').text
assert log.count('database "it_source_configured" does not exist') == 1 : '<sourceName> is the source, unless -D says otherwise'
assert log.contains('database "it_source_from_command_line" does not exist') : '-Dschema.source.name beats <configuration>'
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'
return true
