def log = new File(basedir, 'build.log').text
def password = new File(basedir, 'password.txt').text
assert log.contains('BUILD SUCCESS')
assert !log.contains('Unable to parse configuration')
// Upgraded from the POM's URL, then shown at head.
assert log =~ /(?m)^\[INFO\] .*20250520_initial +applied/
// -X's parameter dump shows the masked types' text, never the password.
assert log =~ /(?m)^\[DEBUG\]   \(f\) password = \*{4}$/
assert log =~ /(?m)^\[DEBUG\]   \(f\) url = jdbc:postgresql:.*it_configured_url_and_password/
def dumped = log.readLines().findAll { it.contains('(f) ') || it.contains('(s) ') }.findAll { it.contains(password) }
assert dumped.isEmpty() : dumped
return true
