import dev.avatarbot.schema.plugin.it.ItDatabase

// What the killed transfer left, as the library describes it ("a data transfer begun at … is
// unfinished: N index(es) and foreign key(s) of users, … are taken down until it is run again").
def unfinished = new File(basedir, 'unfinished.txt').text
assert unfinished =~ /^a data transfer begun at \S+ is unfinished: \d+ index\(es\) and foreign key\(s\) of [\w, ]+ are taken down until it is run again$/
def (check, upgrade, verify) = ItDatabase.buildLogs(basedir)

assert check.contains("[WARNING] Transfer: ${unfinished}. Run mvn schema:migrate-data again to finish it.") : 'check warns'
assert check.contains('BUILD SUCCESS')
assert upgrade.contains("Cannot upgrade: ${unfinished}. Finish the data transfer first. Run mvn schema:migrate-data again to finish it.")
assert verify.contains("  - ${unfinished}; the differences it explains end when it does") : 'verify names it first'
assert verify.contains('table avatar_db_unfinished_transfer is not in the revisions')
assert verify =~ /(?s)The database differs from the revisions in \d+ way\(s\):.*\[ERROR\] Run mvn schema:migrate-data again to finish it\./
return true
