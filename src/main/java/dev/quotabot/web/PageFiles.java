package dev.quotabot.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.MimeMappings;

/**
 * The page's files ({@code index.html}, its scripts, style and icon), served from the class path's
 * {@code static/} folder by Undertow's resource handler: {@code /} is {@code index.html}, no
 * directory is ever listed, and a file it does not have is the JSON 404.
 */
final class PageFiles {
  /** Only the page's own kinds of file; each text type names its charset. */
  private static final MimeMappings TYPES =
      MimeMappings.builder(false)
          .addMapping("html", "text/html; charset=utf-8")
          .addMapping("js", "text/javascript; charset=utf-8")
          .addMapping("mjs", "text/javascript; charset=utf-8")
          .addMapping("css", "text/css; charset=utf-8")
          .addMapping("json", "application/json; charset=utf-8")
          .addMapping("svg", "image/svg+xml")
          .addMapping("png", "image/png")
          .addMapping("ico", "image/x-icon")
          .addMapping("woff2", "font/woff2")
          .build();

  private PageFiles() {}

  static HttpHandler handler() {
    return new ResourceHandler(
            new ClassPathResourceManager(PageFiles.class.getClassLoader(), "static"),
            Routes::notFound)
        .setDirectoryListingEnabled(false)
        .setWelcomeFiles("index.html")
        .setMimeMappings(TYPES);
  }
}
