def log = new File(basedir, 'build.log').text
def page = new File(basedir, 'target/schema-docs/index.html')
assert log.contains("Schema docs: ${page.path}")
def html = page.getText('UTF-8')
['users', 'user_balances', 'user_states', 'avatars', 'avatar_photos'].each {
    assert html.contains("data-table=\"${it}\"") : "the diagram draws ${it}"
}
assert html.count('<path class="fk"') == 4

// The revision history: every revision of the changelog (master.xml's includes, oldest first), newest first.
def master = new File(basedir, 'schema-lib/src/main/resources/dev/avatarbot/schema/changelog/master.xml').text
def declared = (master =~ /<include file="revisions\/([^"]+)\.xml"/).collect { it[1] }
assert declared == ['20250520_initial', '20261125_add_avatar_style', '20261126_users_have_a_bio']
assert html.contains('<h2 id="revision-history">Revision history</h2>')
def shown = (html =~ /<tr data-revision="([^"]+)"( class="current")?><td>[^<]*<\/td><td><code>[^<]*<\/code><\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/)
        .collect { [id: it[1], current: it[2] != null, message: it[3], applied: it[4]] }
assert shown*.id == declared.reverse() : "history ${shown*.id}"
assert shown*.message == ['Users have a bio', 'Add avatar style',
                          'Initial schema: users, balances, states, avatars and their photos']
assert shown*.current == [true, false, false] : 'the newest, applied last, is the current one'
shown.each { assert it.applied ==~ /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d/ : "applied date of ${it.id}" }
// The history sits before the diagram and the tables.
assert html.indexOf('Revision history') < html.indexOf('id="er-diagram"')
return true
