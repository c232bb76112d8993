def log = new File(basedir, 'build.log').text
assert log.contains('Revision 20261125_created_at_in_milliseconds does not roll back cleanly; after its rollback:'
        + ' column users.created_at was altered: its type is timestamp with time zone, the revisions have timestamp(0) with time zone')
return true
