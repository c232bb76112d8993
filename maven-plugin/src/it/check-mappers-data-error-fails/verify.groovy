// A statement whose own SQL cannot run (an invalid cast: 22P02) fails the gate, named with its SQLSTATE;
// one that runs and only trips a foreign key with its sample values passes.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('GateMapper.userIdOfBadTelegramId: invalid input syntax for type bigint: "not-a-number" (SQLSTATE 22P02)')
assert !log.contains('GateMapper.insertPhoto') : 'a foreign key tripped by the sample values is no failure'
assert log.contains('1 failing')
return true
