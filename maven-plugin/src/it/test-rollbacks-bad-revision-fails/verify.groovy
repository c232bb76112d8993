def log = new File(basedir, 'build.log').text
assert log.contains('Revision 20261125_add_avatar_style does not roll back cleanly; after its rollback: column avatars.style is not in the revisions')
return true
