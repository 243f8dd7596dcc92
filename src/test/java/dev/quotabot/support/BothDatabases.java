package dev.quotabot.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test twice, once on a fresh SQLite file and once on a fresh PostgreSQL schema; the test
 * takes a {@link TestDatabase} parameter. See {@link TestDatabases} for where PostgreSQL is and
 * what happens without it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(TestDatabases.class)
public @interface BothDatabases {}
