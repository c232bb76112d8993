def log = new File(basedir, 'build.log').text
assert log.contains('Mappers on the schema at 20261125_rename_username')
assert log.contains('UserMapper.findByTelegramId: column "username" does not exist')
assert log.contains('UserMapper.insert: column "username" of relation "users" does not exist')
assert !log.contains('AvatarMapper.') : 'only the statements that use the column fail'
return true
