import dev.avatarbot.schema.plugin.it.ItDatabase
import java.time.LocalDate
import java.time.format.DateTimeFormatter

def log = new File(basedir, 'build.log').getText('UTF-8')
def id = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + '_opisanie_izmenenij'
def changelog = new File(basedir, 'schema-lib/src/main/resources/dev/avatarbot/schema/changelog')
def revision = new File(changelog, "revisions/${id}.xml")

assert revision.isFile()
assert revision.getText('UTF-8').contains('value="Описание изменений"')
assert new File(changelog, 'master.xml').text.contains("revisions/${id}.xml")
assert log.contains("Created revision ${id}: ")
// upgrade and show read the sources, not the jar: the new revision is applied and current.
assert log.contains("Upgraded base -> ${id}, applied 20250520_initial, ${id} (changelog sources in ")
assert log =~ /->\s+${id}\s+applied .* Описание изменений/
assert ItDatabase.query(ItDatabase.urlOf(adminUrl, 'it_create_and_upgrade'),
        "SELECT count(*) FROM databasechangelog WHERE tag = '${id}'") == '1'
return true
