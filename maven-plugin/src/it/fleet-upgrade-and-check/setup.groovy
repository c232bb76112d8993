import dev.avatarbot.schema.plugin.it.ItDatabase

def urls = ['a', 'b'].collect { name ->
    ItDatabase.execute(ItDatabase.adminUrl(adminUrl), "DROP DATABASE IF EXISTS it_fleet_${name} WITH (FORCE)")
    ItDatabase.execute(ItDatabase.adminUrl(adminUrl), "CREATE DATABASE it_fleet_${name}")
    ItDatabase.urlOf(adminUrl, "it_fleet_${name}")
}
def fleet = """# region a first (the canary), then b
eu-a = ${urls[0]}
eu-b = ${urls[1]}   # same server
"""
ItDatabase.writeFile(basedir, 'fleet.txt', fleet)
// Port 1 on loopback: nothing listens there.
ItDatabase.writeFile(basedir, 'fleet-with-gone.txt',
        fleet + "gone = jdbc:postgresql://127.0.0.1:1/avatar_bot?user=bot&password=fleet-secret\n")
return true
