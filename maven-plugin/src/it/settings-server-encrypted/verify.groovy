def log = new File(basedir, 'build.log').text
assert !log.contains('3rFmAShbKSI') : 'nor its encrypted form'
// User and encrypted password came from the <server> of the ITs' settings.xml, decrypted with this
// IT's settings-security.xml; where .ci/run made the server check the password, a wrong one fails.
assert log.contains('Database: it_settings_server_encrypted as avatardb_it_pw')
assert !log.contains('right-password')
return true
