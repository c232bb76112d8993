import dev.avatarbot.schema.plugin.it.ItDatabase

// This case is about psql: without a working one (the embedded set-up, e.g. CI's fresh-machine runs,
// which hide the installed PostgreSQL) it is skipped, and counted as Skipped in the invoker's summary.
def works = ItDatabase.psqlWorks()
if (!works) {
    println 'sql-offline-applied-with-psql: skipped, no working psql on the PATH'
}
return works
