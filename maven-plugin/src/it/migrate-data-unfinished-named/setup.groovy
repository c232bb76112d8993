import dev.avatarbot.schema.plugin.it.ItDatabase
import dev.avatarbot.schema.migration.SchemaMigrations
import dev.avatarbot.schema.transfer.DataTransfer
import dev.avatarbot.schema.transfer.TransferListener
import dev.avatarbot.schema.transfer.TransferOptions
import org.postgresql.ds.PGSimpleDataSource
import java.util.concurrent.atomic.AtomicBoolean

// The unfinished state as a user gets it: a real transfer into a target at head, killed during its
// post-data (as DataTransferTest does): its connections terminated right after the first primary key
// is made, its work stopped there. Not after the first index: indexes are built while later tables
// still load, whose failure would then be the one the run reports.
def dataSource = { String url -> def d = new PGSimpleDataSource(); d.setURL(url); d }
def target = ItDatabase.create(adminUrl, basedir)
def old = ItDatabase.createOldDatabase(adminUrl, basedir, 50)
new SchemaMigrations(dataSource(target)).upgrade()
def targetName = target.replaceFirst(/^jdbc:postgresql:\/\/[^\/]+\//, '').replaceFirst(/\?.*$/, '')
def killed = new AtomicBoolean()
def killer = new TransferListener() {
    @Override
    void restored(String table, String definition) {
        if (definition.startsWith('primary key ') && !killed.getAndSet(true)) {
            ItDatabase.execute(ItDatabase.adminUrl(adminUrl), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity" +
                    " WHERE datname = '${targetName}' AND pid <> pg_backend_pid()")
            throw new IllegalStateException("killed after ${definition}")
        }
    }
}
try {
    new DataTransfer(dataSource(old), dataSource(target), TransferOptions.defaults(new File(basedir, 'rejects').toPath())
            .withJobs(1), killer).run()
    assert false : 'the transfer ran to its end; it was to be killed'
} catch (IllegalStateException e) {
    assert e.message.startsWith('killed after ') : e.message
}
assert killed.get()
def unfinished = new SchemaMigrations(dataSource(target)).status().unfinishedTransfer()
assert unfinished.isPresent()
ItDatabase.writeFile(basedir, 'unfinished.txt', unfinished.get().describe())
ItDatabase.writeFile(basedir, '.env', "DB_URL=${target}\n")
return true
