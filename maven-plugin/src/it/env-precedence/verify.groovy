def log = new File(basedir, 'build.log').text
assert log.contains('Database: it_env_precedence as ')  : 'the environment beats .env and <configuration>'
assert log.contains('database "it_from_command_line" does not exist') : '-D beats the environment'
assert !log.contains('it_from_dotenv" does not exist')
assert !log.contains('it_configured_only')
return true
