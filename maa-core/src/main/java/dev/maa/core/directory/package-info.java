/** Directories of users and groups: a static one read from YAML or built in code. */
package dev.maa.core.directory;
