/**
 * What {@code /health} and {@code /health/ready} show: each part of the process that can be up or
 * down (the Discord shards, the database, the shared rate limits) is a {@link HealthIndicator}
 * registered in the process's {@link HealthRegistry} when that part starts. The web door renders
 * them; it never knows what they are. Imports neither Undertow nor JDA.
 */
@NullMarked
package dev.quotabot.health;

import org.jspecify.annotations.NullMarked;
