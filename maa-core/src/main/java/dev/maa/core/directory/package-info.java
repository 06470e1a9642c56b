/** Directories of users and groups: a static one read from YAML or built in code, and one that follows a users file as it is edited. */
package dev.maa.core.directory;
