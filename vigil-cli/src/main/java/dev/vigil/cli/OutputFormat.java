package dev.vigil.cli;

/** {@code --output text|json}: every read command can answer scripts in JSON. */
public enum OutputFormat {
    text, json
}
