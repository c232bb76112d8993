// The service's own mapper is loaded from its build output and checked beside schema-lib's, every branch passing.
// Given as a pattern of mapper XML files; the failing cases give the package of the interfaces.
def log = new File(basedir, 'build.log').text
assert log.contains('PhotoReportMapper (1)')
assert log.contains('UserMapper (6)')
assert log =~ /\d+ mapped statements, \d+ branches run: all work on the schema/
return true
