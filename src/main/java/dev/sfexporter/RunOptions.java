package dev.sfexporter;

import dev.sfexporter.collect.BuildInfo;
import dev.sfexporter.config.WebConfig;

/** What the command line decided besides the configuration file. */
public record RunOptions(BuildInfo build, boolean demo, WebConfig web) {}
