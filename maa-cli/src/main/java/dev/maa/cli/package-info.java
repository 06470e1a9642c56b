/**
 * The {@code maa} command: {@link dev.maa.cli.MaaCli} is its entry point; exit codes are in
 * {@link dev.maa.cli.ExitCodes}. Backends ({@code backend}) and subcommands ({@code commands}) are the CLI's own.
 */
package dev.maa.cli;
