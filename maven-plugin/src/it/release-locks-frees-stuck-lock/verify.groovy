def log = new File(basedir, 'build.log').text
assert log =~ /Released the lock held by release-runner-7 \(10\.20\.30\.40\) since 2026-11-24 23:59:00/
assert log.contains('No lock is held: nothing to release.')
assert log.contains('Upgraded base -> 20250520_initial')
return true
