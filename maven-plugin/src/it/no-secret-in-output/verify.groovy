import dev.avatarbot.schema.plugin.it.ItDatabase

// Each mistake with passwords of its own: in the URL, in -Dschema.password (shown by -X's parameter
// dump unless masked) and in the source's URL; one Maven run each, every connecting goal failing on it.
def mistakes = [
    // a typo in the port: pgjdbc's "URL invalid <url>" used to go out as the failure, password and all
    'port-typo': { pw -> ["-Dschema.url=jdbc:postgresql://127.0.0.1:54x32/it_db?user=u&password=${pw}"] },
    // user info whose password holds / : and @
    'user-info': { pw -> ["-Dschema.url=jdbc:postgresql://u:p/a:s@${pw}@127.0.0.1:1/it_db"] },
    // a .env line that cannot be parsed, its value a URL with a password in its user info
    'env-line' : { pw ->
        ItDatabase.writeFile(basedir, 'bad.env', "# the target\nDB_URL jdbc:postgresql://u:${pw}@127.0.0.1:1/it_db\n")
        ["-Dschema.envFile=${new File(basedir, 'bad.env')}"] },
]
def passwords = [:]   // password -> the mistake whose run must not print it
def logs = [:]
mistakes.each { mistake, make ->
    def secrets = ['url', 'd', 'source'].collect { "${mistake}-${it}-s3cret".toString() }
    secrets.each { passwords[it] = mistake }
    def args = ['-o', '-X', '-fae', 'validate'] + make(secrets[0]).collect { it.toString() } +
            ["-Dschema.password=${secrets[1]}", "-Dschema.source.url=jdbc:postgresql://127.0.0.1:1/old_db?password=${secrets[2]}"]
                    .collect { it.toString() }
    ItDatabase.startMaven(basedir, itRepository, outerRepository, "sweep-${mistake}.log", args as String[]).waitFor()
    logs[mistake] = new File(basedir, "sweep-${mistake}.log").text
}
// One line per distinct leak (the goal that was running when it was printed), a few of them: a huge
// power-assert message would break the invoker's report.
def leaks = new LinkedHashSet()
logs.each { mistake, log ->
    def goal = '?'
    log.eachLine { line ->
        def started = line =~ /--- schema(?:-maven-plugin)?:[^:]+:([a-z-]+) \(sweep\)/
        if (started.find()) {
            goal = started.group(1)
        }
        passwords.each { password, owner ->
            if (line.contains(password)) {
                leaks << "${mistake} run, near schema:${goal}: ${line.replace(password, '<' + owner + ' password>').take(300)}".toString()
            }
        }
    }
}
if (!leaks.isEmpty()) {
    throw new AssertionError("${leaks.size()} lines print a password, e.g.:\n" + leaks.take(12).join('\n'))
}
logs.each { mistake, log ->
    // every goal ran and failed on the mistake (none skipped, none passed)
    // The goal's header names the plugin by its prefix (Maven 3.9) or its artifactId (Maven 3.8).
    assert (log =~ /--- schema(?:-maven-plugin)?:[^:]+:[a-z-]+ \(sweep\)/).size() == 14 : "${mistake}: not every goal ran"
    assert log.count('(f) password = ****') == 14 : "${mistake}: -X dumped the parameters, masked"
}
// The mistakes are named, without the secret.
assert logs['port-typo'].contains('The database URL jdbc:postgresql://127.0.0.1:54x32/it_db?user=u&password=**** is not a valid PostgreSQL JDBC URL')
assert logs['user-info'].contains('The database URL jdbc:postgresql://u:****@127.0.0.1:1/it_db has a user and password before the host')
assert logs['env-line'].contains("line 2 cannot be parsed: 'DB_URL jdbc:postgresql://u:****@127.0.0.1:1/it_db'")
return true
