/**
 * MAA in Spring MVC: problem answers (202 for a parked call), the justification headers, and the approval API
 * served by the application.
 */
package dev.maa.spring.boot.autoconfigure.web;
