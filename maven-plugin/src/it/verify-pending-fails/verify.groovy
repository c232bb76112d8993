def log = new File(basedir, 'build.log').text
assert log.contains('The database differs from the revisions in 1 way(s):')
assert log.contains('revision 20250520_initial is pending')
return true
