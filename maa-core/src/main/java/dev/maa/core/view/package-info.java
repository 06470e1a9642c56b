/**
 * The JSON views of requests that every surface sends (REST API, CLI, the Spring Boot starter's in-app API): one
 * shape, so the console and scripts read each of them alike.
 */
package dev.maa.core.view;
