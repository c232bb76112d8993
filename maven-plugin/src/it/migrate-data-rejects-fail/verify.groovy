import dev.avatarbot.schema.plugin.it.ItDatabase
def log = new File(basedir, 'build.log').text
def rejects = new File(basedir, 'target/migrate-data/user_balances.rejects.csv')

assert log.contains('1 row(s) could not be transferred; the reasons are in ')
assert log.contains('-Dschema.allowRejects=true')
assert rejects.text.contains('4,negative coins,4,4,-3')
assert log.contains('BUILD SUCCESS') : 'with allowRejects the third run passes'
assert ItDatabase.query(ItDatabase.urlOf(adminUrl, 'it_migrate_data_rejects_fail'),
        'SELECT count(*) FROM user_balances') == '9'
return true
