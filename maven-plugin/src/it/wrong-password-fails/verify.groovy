def log = new File(basedir, 'build.log').text
def variant = new File(basedir, 'variant.txt').text
assert log.contains('BUILD FAILURE')
assert log.contains('The database refused the login (')
assert log.contains('check DB_USER and DB_PASSWORD.')
if (variant == 'password') {
    assert log.contains('password authentication failed for user "avatardb_it_pw"')
} else {
    assert log.contains('role "avatardb_it_nologin" is not permitted to log in')
}
assert !log.contains('Exception:') : 'a user mistake shows no stack trace'
assert !log.contains('wrong-secret-xyz') : 'the password must not appear in the log'
return true
