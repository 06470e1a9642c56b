/** MAA public API: annotations, value types, SPIs and exceptions. */
module dev.maa.api {
    exports dev.maa.api;
}
