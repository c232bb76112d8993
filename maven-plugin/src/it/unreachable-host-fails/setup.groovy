import dev.avatarbot.schema.plugin.it.ItDatabase
// Port 1 on loopback: nothing listens there.
ItDatabase.writeFile(basedir, '.env', "DB_URL=jdbc:postgresql://127.0.0.1:1/avatar_bot?user=bot&password=unreachable-secret\n")
return true
