def log = new File(basedir, 'build.log').text
// User and password came from the <server> of the ITs' settings.xml.
assert log.contains('Database: it_settings_server as avatardb_it_pw')
assert !log.contains('right-password')
return true
