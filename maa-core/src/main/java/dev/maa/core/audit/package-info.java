/** The audit hash chain shared by every store, so that logs written by one verify in another. */
package dev.maa.core.audit;
