package dev.quotabot.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tests only, Linux only: the TCP sockets this JVM holds open (has a file descriptor for) whose far
 * end is a given local port, whatever their state (established, or half-closed by the far end and
 * never closed here). The product runs in the test's JVM, so this shows from the near side whether
 * it left a connection to an upstream behind; connections it closed are gone (TIME_WAIT has no
 * descriptor).
 */
public final class OwnSockets {
  private static final Path FDS = Path.of("/proc/self/fd");
  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private OwnSockets() {}

  /** Whether this system can tell (a Linux /proc). */
  public static boolean available() {
    return Files.isDirectory(FDS) && TABLES.stream().anyMatch(Files::isReadable);
  }

  /** How many sockets this JVM holds connected to {@code port} on any local address. */
  public static long to(int port) {
    Set<String> inodes = ownSocketInodes();
    String hexPort = String.format(":%04X", port);
    long count = 0;
    for (Path table : TABLES) {
      for (String line : lines(table)) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length > 9
            && fields[2].endsWith(hexPort)
            && !fields[9].equals("0")
            && inodes.contains(fields[9])) {
          count++;
        }
      }
    }
    return count;
  }

  private static Set<String> ownSocketInodes() {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(FDS)) {
      fds.forEach(
          fd -> {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:[")) {
                inodes.add(target.substring(8, target.length() - 1));
              }
            } catch (IOException closedMeanwhile) {
              // the descriptor went away while listing: not open
            }
          });
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
    return inodes;
  }

  private static List<String> lines(Path table) {
    if (!Files.isReadable(table)) {
      return List.of();
    }
    try {
      List<String> lines = Files.readAllLines(table);
      return lines.subList(Math.min(1, lines.size()), lines.size());
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
