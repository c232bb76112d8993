import dev.avatarbot.schema.plugin.it.ItDatabase
// A server that accepts connections on loopback and never answers, like a host behind a dead proxy.
def server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
Thread.startDaemon('silent-server') {
    def held = []
    while (true) { held << server.accept() }
}
ItDatabase.writeFile(basedir, '.env', "DB_URL=jdbc:postgresql://127.0.0.1:${server.localPort}/avatar_bot?user=bot\n")
return true
