// `mvn schema:help -Ddetail` tells the truth: every goal lists exactly the properties it reads,
// each with a description, and the defaults it really has.
def connection = ['schema.url', 'schema.host', 'schema.port', 'schema.name', 'schema.user', 'schema.password',
                  'schema.envFile', 'schema.serverId', 'schema.connectTimeout']
def source = ['schema.source.url', 'schema.source.host', 'schema.source.port', 'schema.source.name',
              'schema.source.user', 'schema.source.password']
def changelog = ['schema.changelogDirectory']
def guard = ['schema.lockTimeout', 'schema.lockRetries', 'schema.statementTimeout', 'schema.blocker.showQuery']
def fleet = ['schema.fleet', 'schema.fleet.canary', 'schema.fleet.parallel', 'schema.fleet.continueOnFailure',
             'schema.fleet.maxReplicaLag']

// goal             : the user properties of its parameters (schema.skip is every schema goal's too)
def expected = [
    'check'         : connection + changelog + ['schema.failOnPending', 'schema.fleet', 'schema.fleet.parallel'],
    // create reads the connection keys and schema.scratch only with schema.diff=true (its description says so)
    'create'        : connection + changelog + ['schema.message', 'schema.diff', 'schema.diff.renames', 'schema.scratch'],
    'upgrade'       : connection + changelog + guard + fleet + ['schema.revision'],
    'downgrade'     : connection + changelog + guard + fleet + ['schema.revision'],
    'show'          : connection + changelog,
    'sql'           : connection + changelog + ['schema.revision', 'schema.direction'],
    'verify'        : connection + changelog + ['schema.scratch', 'schema.fleet', 'schema.fleet.parallel'],
    'test-rollbacks': connection + changelog + ['schema.scratch'],
    'docs'          : connection + changelog + ['schema.scratch'],
    'check-mappers' : connection + changelog + ['schema.scratch', 'schema.mappers'],
    'compat'        : connection + changelog + ['schema.scratch', 'schema.previous', 'schema.compat.require'],
    'lint'          : connection + changelog + ['schema.lint.failOn', 'schema.lint.stats', 'schema.lint.exportStats',
                                                'schema.lint.smallTable', 'schema.lint.trace', 'schema.lint.guarded',
                                                'schema.scratch', 'schema.mappers'],
    'release-locks' : connection,
    'migrate-data'  : connection + changelog + source + guard + ['schema.dryRun', 'schema.allowRejects', 'schema.batchSize',
                                             'schema.jobs', 'schema.selectsFile', 'schema.rejectDirectory',
                                             'schema.transfer.live', 'schema.transfer.timeline'],
]
def helpGoal = ['detail', 'goal', 'indentSize', 'lineLength']

// property                : its default, wherever it is listed
def defaults = [
    'schema.skip'          : 'false',
    'schema.connectTimeout': '10',
    'schema.port'          : '5432',
    'schema.source.port'   : '5432',
    'schema.failOnPending' : 'false',
    'schema.direction'     : 'upgrade',
    'schema.scratch'       : 'embedded',
    'schema.dryRun'        : 'false',
    'schema.allowRejects'  : 'false',
    'schema.batchSize'     : '50000',
    'schema.compat.require': 'old-app-new-db',
    'schema.lockTimeout'   : '5s',
    'schema.lockRetries'   : '3',
    'schema.blocker.showQuery': 'false',
    'schema.transfer.live' : 'false',
    'schema.fleet.canary'  : '1',
    'schema.fleet.parallel': '4',
    'schema.fleet.continueOnFailure': 'false',
    'schema.fleet.maxReplicaLag': '30s',
    'schema.transfer.timeline': 'false',
    'schema.lint.failOn'   : 'error',
    'schema.lint.smallTable': '10000',
    'schema.lint.trace'    : 'false',
    'schema.lint.guarded'  : 'true',
    'schema.diff'          : 'false',
    'schema.diff.renames'  : 'true',
]

// Parse the detail output: "schema:<goal>" at the margin, parameters at 4 spaces
// ("name (Default: x)"), their description and "User property: p" at 6.
def goals = [:]
def goal = null
def parameter = null
new File(basedir, 'build.log').readLines().each { raw ->
    def line = raw.replaceFirst(/^\[INFO\] /, '')
    def header = line =~ /^schema:([a-z-]+)$/
    if (header) {
        goal = goals[header[0][1]] = [:]
        parameter = null
        return
    }
    if (goal == null) {
        return
    }
    def declared = line =~ /^ {4}(\w+)(?: \(Default: (.*)\))?$/
    if (declared) {
        parameter = goal[declared[0][1]] = [defaultValue: declared[0][2], property: null, described: false]
    } else if (parameter != null && line.startsWith('      User property: ')) {
        parameter.property = line.substring('      User property: '.length()).trim()
    } else if (parameter != null && line.startsWith('      ') && line.trim()) {
        parameter.described = true
    }
}

assert goals.keySet() == (expected.keySet() + 'help') as Set : "help lists these goals: ${goals.keySet()}"
expected.each { name, properties ->
    def parameters = goals[name].values()
    parameters.each { assert it.property != null : "every parameter of schema:${name} has a user property: ${goals[name]}" }
    def listed = parameters*.property as Set
    def wanted = (properties + 'schema.skip') as Set
    assert listed == wanted : "schema:${name} lists ${listed.sort()}; expected ${wanted.sort()}" +
            " (missing ${(wanted - listed).sort()}, extra ${(listed - wanted).sort()})"
    parameters.each { p ->
        assert p.described : "schema:${name}'s ${p.property} is documented"
        assert p.defaultValue == defaults[p.property] : "schema:${name}'s ${p.property} defaults to ${p.defaultValue}"
    }
}
assert (goals['help'].values()*.property as Set) == helpGoal as Set : "schema:help lists ${goals['help']}"
def createHelp = new File(basedir, 'build.log').text
assert createHelp.contains('schema.diff=true') : 'create says when it needs a database'
return true
