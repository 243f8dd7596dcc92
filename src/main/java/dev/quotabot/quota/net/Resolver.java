package dev.quotabot.quota.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into its addresses; {@code InetAddress::getAllByName} in production, a fixed
 * map in tests. Called once per request: the addresses it gives are checked and then connected to.
 */
@FunctionalInterface
public interface Resolver {
  InetAddress[] resolve(String host) throws UnknownHostException;
}
