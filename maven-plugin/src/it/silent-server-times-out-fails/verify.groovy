import java.time.Duration
import java.time.LocalTime

def log = new File(basedir, 'build.log').text
assert log.contains('Cannot reach the database server')
// From the goal's first line (printed just before it connects) to the build's end: the 2 s timeout,
// well under the 10 s a connection would wait without it. Maven's and the plugin's start-up, slow on
// a loaded machine, are not counted.
def at = { String pattern ->
    def line = log.readLines().find { it.contains(pattern) }
    assert line != null : "no line with '${pattern}'"
    LocalTime.parse(line.substring(0, 12))
}
def seconds = Duration.between(at('[INFO] Database: '), at('BUILD FAILURE')).toMillis() / 1000.0
assert seconds < 8 : "gave up after ${seconds} s, not within the 2 s timeout"
return true
