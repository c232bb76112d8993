def log = new File(basedir, 'build.log').text
assert log.count('Upgraded base -> 20250520_initial') == 1
assert log.count('Revisions from ') == 1
return true
