def log = new File(basedir, 'build.log').text
def page = new File(basedir, 'target/schema-docs/index.html')
assert log.contains("Schema docs: ${page.path}")
def html = page.getText('UTF-8')
['users', 'user_balances', 'user_states', 'avatars', 'avatar_photos'].each {
    assert html.contains("data-table=\"${it}\"") : "the diagram draws ${it}"
}
assert html.count('<path class="fk"') == 4
return true
