def log = new File(basedir, 'build.log').text
def unfinished = /a data transfer begun at \S+ is unfinished: 1 index\(es\) and foreign key\(s\) of users are taken down until it is run again/
assert log =~ /\[WARNING\] Transfer: / + unfinished + /\. Run mvn schema:migrate-data again to finish it\./ : 'check warns'
assert log =~ /Cannot upgrade: / + unfinished + /\. Finish the data transfer first\. Run mvn schema:migrate-data again to finish it\./
assert log =~ /  - / + unfinished + /; the differences it explains end when it does/ : 'verify names it first'
assert log.contains('table avatar_db_unfinished_transfer is not in the revisions')
assert log =~ /(?s)The database differs from the revisions in \d+ way\(s\):.*\[ERROR\] Run mvn schema:migrate-data again to finish it\./
return true
