//! Offline search index, written as a JavaScript file that a `<script>` tag loads, so search
//! works from file:// (no fetch, no WASM).
//!
//! STUB — to be implemented (issue 8).
