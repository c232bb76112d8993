def log = new File(basedir, 'build.log').text
// 1.0 -> 1.1: the default previous release is the newest below 1.1; the rename breaks old app on new DB.
assert log.contains('Compatibility of schema-lib 1.1 (schema-lib jar')
assert log.contains(') with 1.0 (')
assert log =~ /old app \(1\.0\) +\| same release +\| FAILS \(5\)/
assert log =~ /new app \(1\.1\) +\| FAILS \(5\) +\| the mapper check/
assert log.contains('old app (1.0) on new DB (1.1):')
assert log.contains('UserMapper.findByTelegramId: column "username" does not exist')
assert log.contains('UserMapper.findByTelegramId: column "nickname" does not exist')
assert log.contains('step: users.username renamed to nickname: add the new column and write both in this release,'
        + ' drop the old one in a later release')
assert log.contains('A rolling deploy from schema-lib 1.0 to 1.1 breaks mapped statements (schema.compat.require=old-app-new-db)')
// 2.0 -> 2.1: an added nullable column.
assert log =~ /old app \(2\.0\) +\| same release +\| ok/
assert log =~ /new app \(2\.1\) +\| ok +\| the mapper check/
assert log.contains('Rolling deploy from 2.0 to 2.1 passes both.')
// 3.0 -> 3.1: the column dropped a release after the mappers stopped using it.
assert log.contains('Rolling deploy from 3.0 to 3.1 passes both.')
// 1.0 -> 3.1 named with -Dschema.previous: the drop breaks 1.0's mappers, reported without failing.
assert log.contains('Compatibility of schema-lib 3.1 (schema-lib jar on the classpath) with 1.0 (')
assert log.contains("step: users.username dropped while the previous release's mappers may still use it: stop using"
        + ' it in one release, drop it in a later release')
assert log.contains('Reported only (schema.compat.require=none).')
return true
