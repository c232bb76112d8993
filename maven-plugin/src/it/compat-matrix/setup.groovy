import dev.avatarbot.schema.plugin.it.ItDatabase
import static dev.avatarbot.schema.plugin.it.ItSchemaLibRelease.*

// Releases of schema-lib as this project would have made them, installed into the ITs' repository.
install(itRepository, basedir, '1.0', null, null, { it })
install(itRepository, basedir, '1.1', 'Rename username', 'ALTER TABLE users RENAME COLUMN username TO nickname',
        { renameUsername(it, 'nickname') })
install(itRepository, basedir, '2.0', null, null, { it })
install(itRepository, basedir, '2.1', 'Add bio', 'ALTER TABLE users ADD COLUMN bio text', { it })
install(itRepository, basedir, '3.0', null, null, { withoutUsername(it) })
install(itRepository, basedir, '3.1', 'Drop username', 'ALTER TABLE users DROP COLUMN username', { withoutUsername(it) })
ItDatabase.writeFile(basedir, '.env', "DB_URL=${ItDatabase.create(adminUrl, basedir)}\n")
return true
