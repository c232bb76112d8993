def log = new File(basedir, 'build.log').text
assert log.contains('PhotoReportMapper.photoCounts: column p.idd does not exist')
return true
