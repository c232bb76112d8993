import dev.avatarbot.schema.plugin.it.DiffRoundTrip

def log = new File(basedir, 'build.log').text
assert log.contains('The databases match: ')
assert log.contains(' is exactly the newest revision; no revision written.')
assert !log.contains('Created revision')
assert DiffRoundTrip.writtenRevisions(basedir).isEmpty()
def master = new File(basedir, 'schema-lib/src/main/resources/dev/avatarbot/schema/changelog/master.xml').text
assert (master =~ /<include /).count == 1
return true
