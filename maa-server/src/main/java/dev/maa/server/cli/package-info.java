/**
 * picocli commands the {@code maa} CLI registers: {@link dev.maa.server.cli.ServeCommand} ({@code maa serve}) and
 * {@link dev.maa.server.cli.TokenCommand} ({@code maa token create}).
 */
package dev.maa.server.cli;
