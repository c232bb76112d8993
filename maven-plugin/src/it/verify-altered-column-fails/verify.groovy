def log = new File(basedir, 'build.log').text
assert log.contains('The database differs from the revisions in 2 way(s):')
assert log.contains("column users.username was altered: its type is character varying(32), the revisions have text")
assert log.contains('index ix_avatars_name is not in the revisions (added by hand?)')
return true
