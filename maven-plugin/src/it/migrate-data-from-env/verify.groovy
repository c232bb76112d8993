import dev.avatarbot.schema.plugin.it.ItDatabase
def log = new File(basedir, 'build.log').text
def target = ItDatabase.urlOf(adminUrl, 'it_migrate_data_from_env')

assert log =~ /Source: +jdbc:postgresql:.*it_migrate_data_from_env_old/
assert log =~ /users +50 +50 +0 +0 /
assert log =~ /avatar_photos +300 +300 +0 +0 /
assert log =~ /avatar_photos +300 +0 +0 +0 / : 'the rerun inserts and updates nothing'
assert log.count('Verified: row counts and contents of the transferred rows match for every table.') == 2
// The first run loads the empty target in restore order and says as each definition comes back.
assert log.contains('avatar_photos: primary key pk_avatar_photos is back')
assert log.contains('users: index uq_users_telegram_id is back')
assert log.contains('avatar_photos: foreign key fk_avatar_photos_avatar_id is back')
// The rerun's timeline: Maven's start-up first, then each step with its table and connection.
assert log.count('Timeline, in seconds from the JVM\'s start:') == 1
assert log =~ /(?m)^\[INFO\]   0\.00 +\d+\.\d\d +\d+\.\d\d +Maven and plugin start-up \(from the JVM's start\)$/
assert log =~ /(?m)^\[INFO\]   [\d.]+ +[\d.]+ +[\d.]+ +pid \d+ +avatar_photos +loading$/
assert log =~ /(?m)^\[INFO\]   [\d.]+ +[\d.]+ +[\d.]+ +closing the connections$/
assert ItDatabase.query(target, 'SELECT count(*) FROM avatar_photos') == '300'
assert ItDatabase.query(target, "SELECT state_data ->> 'step' FROM user_states WHERE id = 7") == 'menu'
return true
