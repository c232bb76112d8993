import dev.avatarbot.schema.plugin.it.ItDatabase
// The URL without its password, which goes into <password> instead. Where the server trusts the
// login, any password does, so it is one that the log must not show.
def url = ItDatabase.create(adminUrl, basedir)
def password = (url =~ /[?&]password=([^&]*)/).with { it.find() ? it.group(1) : 'pom-s3cret' }
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text
        .replace('IT_DATABASE_URL', url.replaceAll(/([?&])password=[^&]*&?/, '$1').replaceAll(/[?&]$/, '').replace('&', '&amp;'))
        .replace('IT_DATABASE_PASSWORD', password)
new File(basedir, 'password.txt').text = password
return true
