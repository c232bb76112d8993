import dev.avatarbot.schema.plugin.it.ItDatabase

def urls = ['a', 'b'].collect { name ->
    ItDatabase.execute(ItDatabase.adminUrl(adminUrl), "DROP DATABASE IF EXISTS it_fleetv_${name} WITH (FORCE)")
    ItDatabase.execute(ItDatabase.adminUrl(adminUrl), "CREATE DATABASE it_fleetv_${name}")
    ItDatabase.urlOf(adminUrl, "it_fleetv_${name}")
}
ItDatabase.execute(urls[1], 'CREATE TABLE stray (id int)')
ItDatabase.writeFile(basedir, 'fleet-a.txt', "eu-a = ${urls[0]}\n")
ItDatabase.writeFile(basedir, 'fleet.txt', "eu-a = ${urls[0]}\neu-b = ${urls[1]}\n")
// The server the scratch databases are made on (-Dschema.scratch=configured).
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
