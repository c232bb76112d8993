import dev.avatarbot.schema.plugin.it.ItDatabase
// schema:create -Dschema.diff=true needs changelog sources to write into.
ItDatabase.copyChangelogSources(repositoryRoot, basedir)
// Each connecting goal, with what it needs to get as far as the connection.
def goals = [
    'check'         : '',
    'create'        : '<diff>true</diff><message>sweep</message>',
    'upgrade'       : '',
    'downgrade'     : '<revision>base</revision>',
    'show'          : '',
    'sql'           : '',
    'verify'        : '<scratch>configured</scratch>',
    'test-rollbacks': '<scratch>configured</scratch>',
    'docs'          : '<scratch>configured</scratch>',
    'check-mappers' : '<scratch>configured</scratch>',
    'compat'        : '<scratch>configured</scratch><previous>0.0.1</previous>',
    'lint'          : '',
    'release-locks' : '',
    'migrate-data'  : '',
]
def pom = new File(basedir, 'pom.xml').text
goals.each { goal, configuration ->
    assert pom.contains("<module>sweep-${goal}</module>")
    def module = new File(basedir, "sweep-${goal}")
    module.mkdirs()
    ItDatabase.writeFile(module, 'pom.xml', """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>it.avatarbot</groupId><artifactId>no-secret-in-output</artifactId><version>1</version></parent>
  <artifactId>sweep-${goal}</artifactId>
  <packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>dev.avatarbot</groupId><artifactId>schema-maven-plugin</artifactId>
    <executions><execution><id>sweep</id><phase>validate</phase><goals><goal>${goal}</goal></goals>
      <configuration>${configuration}</configuration></execution></executions>
  </plugin></plugins></build>
</project>
""")
}
return true
