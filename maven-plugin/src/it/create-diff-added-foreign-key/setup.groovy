import dev.avatarbot.schema.plugin.it.DiffRoundTrip
// The developer's change, by hand:
DiffRoundTrip.developerDatabase(adminUrl, repositoryRoot, basedir, '''ALTER TABLE avatar_photos ADD COLUMN owner_id bigint;
ALTER TABLE avatar_photos ADD CONSTRAINT fk_avatar_photos_owner_id FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL''')
return true
