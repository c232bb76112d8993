def log = new File(basedir, 'build.log').text
['schema:check', 'schema:create', 'schema:upgrade', 'schema:downgrade', 'schema:show', 'schema:help'].each {
    assert log.contains(it) : "help lists ${it}"
}
return true
