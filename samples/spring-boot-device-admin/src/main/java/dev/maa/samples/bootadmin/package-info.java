/** The Spring Boot device-admin sample: protected services behind REST controllers and Spring Security. */
package dev.maa.samples.bootadmin;
