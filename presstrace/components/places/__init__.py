"""The places layer: toponyms detected and resolved to gazetteer entries."""
