"""Runs that fill the store: the local ingest and the Dask engine."""
