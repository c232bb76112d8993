// The scratch database holds one generated row per table, which the sample parameters find: a result map
// that cannot map a real row fails the gate, naming the mapper, the statement, the column and the property.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('SpendingReportMapper.spendingOf: a real row does not map: column "joined_on" into SpendingRow(argument 3: LocalDate): ')
assert !log.contains('SpendingReportMapper.joinedAt') : 'a result map that maps the real row is no failure'
assert !log.contains('No sample row in') : 'every table of the schema takes its sample row'
assert log.contains('1 failing')
return true
