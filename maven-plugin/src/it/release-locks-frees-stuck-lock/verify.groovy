import dev.avatarbot.schema.plugin.it.ItDatabase
def log = new File(basedir, 'build.log').text
assert log =~ /Liquibase's lock on this database is held by .+ since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d .+, most likely by an upgrade that was killed\. If no other tool is migrating this database, run schema:release-locks\./
assert log =~ /Released the lock held by .+ \(.+\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/
assert log.contains('No lock is held: nothing to release.')
assert log =~ /Upgraded 20250520_initial -> 20261125_slow_backfill, applied 20261125_slow_backfill/
assert ItDatabase.query(ItDatabase.urlOf(adminUrl, 'it_release_locks_frees_stuck_lock'),
        'SELECT locked::text FROM databasechangeloglock WHERE id = 1') == 'false'
return true
