def log = new File(basedir, 'build.log').text
// One line, and only one, from the goal when all is well. The goal's header names the plugin by its
// artifactId (Maven 3.8) or its prefix (Maven 3.9): "--- schema:<version>:verify (default-cli) @ ...".
def goalLines = log.readLines().dropWhile { !(it.startsWith('[INFO] --- ') && it.contains(':verify (')) }
        .drop(1).takeWhile { !it.startsWith('[INFO] ----') }.findAll { it.startsWith('[INFO] ') }
assert goalLines.size() == 1 : goalLines
assert goalLines[0] =~ /^\[INFO\] Verified: jdbc:postgresql:.*it_verify_clean_passes.* is exactly revision 20250520_initial as the revisions describe it\.$/
return true
