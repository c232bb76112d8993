import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

import dev.avatarbot.schema.plugin.it.ItDatabase
def log = new File(basedir, 'build.log').text
// The third run kept the second's file under its time stamp; clean ran after both.
def directory = new File(basedir, 'migrate-data-rejects')
def rejects = new File(directory, 'user_balances.rejects.csv')

assert log.contains('1 row(s) could not be transferred; the reasons are in ')
assert log.contains('-Dschema.allowRejects=true')
assert log.contains("An earlier run's reject file is kept as ")
assert rejects.text.contains('4,negative coins,4,4,-3') : 'mvn clean left the reject file'
def earlier = directory.listFiles().findAll { it.name ==~ /user_balances\.rejects\.\d{8}T\d{6}Z(-\d+)?\.csv/ }
assert earlier.size() == 1 && earlier[0].text.contains('4,negative coins,4,4,-3')
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.toPath())) == 'rwx------'
[rejects, earlier[0]].each {
    assert PosixFilePermissions.toString(Files.getPosixFilePermissions(it.toPath())) == 'rw-------' : it
}
assert log.contains('BUILD SUCCESS') : 'with allowRejects the third run passes'
assert ItDatabase.query(ItDatabase.urlOf(adminUrl, 'it_migrate_data_rejects_fail'),
        'SELECT count(*) FROM user_balances') == '9'
return true
