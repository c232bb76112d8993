def log = new File(basedir, 'build.log').text
assert log.contains('Cannot reach the database server')
def seconds = (log =~ /Total time: +([0-9.]+) s/)[0][1] as double
assert seconds < 9 : "gave up after ${seconds} s, not within the 2 s timeout and Maven's start"
return true
