// avatar_photos has no status: the statement breaks only when its <if> adds the condition.
def log = new File(basedir, 'build.log').text
assert log.contains('PhotoReportMapper.photoCounts [status != null]: column p.status does not exist')
return true
