def log = new File(basedir, 'build.log').text
assert log.contains('Verified: the database is exactly revision 20250520_initial as the revisions describe it.')
return true
